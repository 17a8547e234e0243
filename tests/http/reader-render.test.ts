/**
 * The renderers with a link builder: Slack's `— ¶N` label, Discord's `**¶N**` label and the
 * terminal's citation carry the signed reader link, and that link, fetched from the real server,
 * opens the cited paragraph with the same excerpt marked. Without a builder nothing changes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReply as renderConsole } from '../../src/adapters/console/render.js';
import { DISCORD_LIMITS, renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { renderReply as renderSlack, SECTION_TEXT_MAX } from '../../src/adapters/slack/render.js';
import type { Citation, Reply } from '../../src/core/types.js';
import { ask } from '../helpers.js';
import { startReader, type ReaderRig } from './reader-fixture.js';

let r: ReaderRig;
let reply: Reply;
let cited: Citation;
beforeAll(async () => {
  r = await startReader();
  reply = await ask(r.bot, 'Which cells avoid lithium and handle cold weather?');
  cited = reply.citations[0]!;
});
afterAll(async () => {
  await r?.close();
});

/** A block's section text, if it has one. */
const sectionText = (block: object) => ('text' in block && block.text && typeof block.text === 'object' && 'text' in block.text ? String(block.text.text) : '');

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Opens `url` on the reader and returns the cited paragraph's id and the marked text. */
async function open(url: string): Promise<{ status: number; cited: string | undefined; mark: string | undefined }> {
  const res = await fetch(url.replace(/#.*$/, ''));
  const html = await res.text();
  return {
    status: res.status,
    cited: /<p id="(p\d+)" class="cited">/.exec(html)?.[1],
    mark: /<mark>([^<]*)<\/mark>/.exec(html)?.[1],
  };
}

describe('renderers with reader links', () => {
  it('Slack: the — ¶N label links to the signed reader page of that excerpt', async () => {
    expect(cited.paragraph).toBe(4);
    const message = renderSlack(reply, { conversationId: 'c', citationLink: r.link });
    const texts = message.blocks.map(sectionText);
    const label = texts.map((t) => /\n— <([^|>]+)\|¶4>/.exec(t)?.[1]).find(Boolean);
    expect(label).toMatch(new RegExp(`^${r.base}/read/[\\w-]+\\.[\\w-]+#p4$`));
    const url = decode(label!);
    expect(await open(url)).toEqual({ status: 200, cited: 'p4', mark: cited.excerpt });
  });

  it('Discord: the **¶N** label is a masked link to the signed reader page', async () => {
    const message = renderDiscord(reply, { conversationId: 'c', citationLink: r.link });
    const description = message.embeds[0]!.description!;
    // The paragraph sits under a heading: `**[¶4](…)** · Costs`.
    const url = /^\*\*\[¶4\]\((\S+)\)\*\* · Costs$/m.exec(description)?.[1];
    expect(url).toMatch(new RegExp(`^${r.base}/read/[\\w-]+\\.[\\w-]+#p4$`));
    expect(await open(url!)).toEqual({ status: 200, cited: 'p4', mark: cited.excerpt });
  });

  it('terminal: each excerpt is followed by its reader link', async () => {
    const text = renderConsole(reply, false, r.link);
    const url = /^ {2}(http:\S+#p4)$/m.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(await open(url!)).toEqual({ status: 200, cited: 'p4', mark: cited.excerpt });
  });

  it('without a link builder, or when it gives none, every renderer writes what it wrote before', () => {
    const none = () => undefined;
    expect(renderSlack(reply, { conversationId: 'c', citationLink: none })).toEqual(renderSlack(reply, { conversationId: 'c' }));
    expect(renderDiscord(reply, { conversationId: 'c', citationLink: none })).toEqual(renderDiscord(reply, { conversationId: 'c' }));
    expect(renderConsole(reply, false, none)).toBe(renderConsole(reply, false));
    // Slack's label falls back to the article's own address, as before.
    expect(JSON.stringify(renderSlack(reply, { conversationId: 'c' }))).toContain('<https://news.test/batteries|¶4>');
    expect(JSON.stringify(renderSlack(reply, { conversationId: 'c' }))).not.toContain('/read/');
  });

  it('keeps Discord and Slack within their limits when long excerpts all carry links', () => {
    const long = (n: number): Citation => ({ ...cited, paragraph: n, label: `¶${n}`, excerpt: 'word '.repeat(400).trim(), start: 0, end: 1999 });
    const many: Reply = { ...reply, citations: Array.from({ length: 12 }, (_, i) => long(i + 1)) };
    const discord = renderDiscord(many, { conversationId: 'c', citationLink: r.link }).embeds[0]!;
    expect(discord.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const labels = [...discord.description!.matchAll(/^\*\*(.*?)\*\*(?: · Costs)?$/gm)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^\[¶\d+\]\(http:\/\/127\.0\.0\.1:\d+\/read\/\S+#p\d+\)$/);
    const slack = renderSlack(many, { conversationId: 'c', citationLink: r.link });
    for (const block of slack.blocks) expect(sectionText(block).length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(JSON.stringify(slack.blocks).match(/\/read\//g)?.length).toBe(12);
  });

  it('Discord: an address with parentheses or spaces cannot break out of the masked link', () => {
    const message = renderDiscord(reply, { conversationId: 'c', citationLink: () => 'https://x.test/a (b)/read/t#p4' });
    expect(message.embeds[0]!.description).toContain('**[¶4](https://x.test/a%20%28b%29/read/t#p4)**');
    const unsafe = renderDiscord(reply, { conversationId: 'c', citationLink: () => 'javascript:alert(1)' });
    expect(unsafe).toEqual(renderDiscord(reply, { conversationId: 'c' }));
  });

  it('property: Discord replies with linked labels fit every limit, and every label shown is linked', () => {
    const cite = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 1500 })).map(([p, n]): Citation => {
      // Without a section heading: the labels alone must fit.
      const { section: _section, ...rest } = cited;
      return { ...rest, paragraph: p, label: `¶${p}`, excerpt: 'ab '.repeat(n).trim(), start: 0, end: 3 * n - 1 };
    });
    fc.assert(
      fc.property(fc.array(cite, { maxLength: 25 }), fc.string({ maxLength: 400 }), (citations, question) => {
        const e = renderDiscord({ ...reply, citations, question, message: question }, { conversationId: 'c', citationLink: r.link }).embeds[0]!;
        const description = e.description ?? '';
        expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
        const total = (e.title?.length ?? 0) + description.length + (e.footer?.text.length ?? 0);
        expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        const labels = [...description.matchAll(/^\*\*(.*?)\*\*$/gm)].map((m) => m[1]!);
        for (const label of labels) expect(label).toMatch(/^\[¶\d+\]\(http:\/\/127\.0\.0\.1:\d+\/read\/[\w-]+\.[\w-]+#p\d+\)$/);
        if (citations.length > 0 && question.length < 100) expect(labels.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});
