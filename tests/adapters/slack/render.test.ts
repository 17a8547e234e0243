/**
 * The Block Kit renderer on its own: escaping, Slack's limits (3,000 characters a section,
 * 50 blocks, 2,000 a button value), trimming on word boundaries, and bold that Slack will show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUTTON_VALUE_MAX } from '../../../src/adapters/slack/buttons.js';
import { boldRanges, MAX_BLOCKS, quoteExcerpt, renderNote, renderReply, SECTION_TEXT_MAX, trimLine } from '../../../src/adapters/slack/render.js';
import type { Citation, Reply } from '../../../src/core/types.js';

const article = { id: 'a', title: 'A <b>title</b> & more', url: 'https://news.test/a?x=1&y=2', paragraphCount: 9 };

function citation(excerpt: string, paragraph = 3, highlights: Citation['highlights'] = []): Citation {
  return { articleId: 'a', paragraph, label: `¶${paragraph}`, excerpt, start: 0, end: excerpt.length, highlights };
}

function reply(overrides: Partial<Reply>): Reply {
  return { status: 'answered', citations: [], hasMore: false, notices: [], article, question: 'q?', ...overrides };
}

type AnyBlock = {
  type: string;
  text?: { text: string; verbatim?: boolean };
  elements?: Array<{ type: string; text?: unknown; value?: string; verbatim?: boolean }>;
  accessory?: { value?: string };
};

/** Every text Slack would parse as mrkdwn, and every button value, of a message. */
function texts(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const b of blocks as AnyBlock[]) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) if (e.type === 'mrkdwn' && typeof e.text === 'string') out.push(e.text);
  }
  return out;
}

function values(blocks: unknown[]): string[] {
  const out: string[] = [];
  for (const b of blocks as AnyBlock[]) {
    if (b.accessory?.value) out.push(b.accessory.value);
    for (const e of b.elements ?? []) if (e.value) out.push(e.value);
  }
  return out;
}

describe('Slack renderer: escaping', () => {
  it('escapes & < > in excerpts, messages, questions, labels and titles, so nothing can notify anyone', () => {
    const hostile = 'Hey <!channel> <!here> <!everyone> <@U123> & <https://evil.test|click>';
    const message = renderReply(reply({ message: hostile, question: hostile, citations: [citation(hostile)], notices: [hostile] }), {
      conversationId: 'c',
      echoQuestion: true,
    });
    // Button values are data Slack hands back, never displayed; everything displayed is checked.
    const all = JSON.stringify([message.text, ...texts(message.blocks)]);
    for (const trigger of ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<https://evil']) expect(all).not.toContain(trigger);
    expect(texts(message.blocks).join('\n')).toContain('&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &amp;');
    expect(texts(message.blocks).join('\n')).toContain('A &lt;b&gt;title&lt;/b&gt; &amp; more');
  });

  it('marks every mrkdwn text verbatim, so Slack does not auto-link names or mentions', () => {
    const message = renderReply(reply({ message: 'm', citations: [citation('x y')], notices: ['n'] }), { conversationId: 'c', echoQuestion: true });
    for (const b of message.blocks as AnyBlock[]) {
      if (b.text) expect(b.text.verbatim).toBe(true);
      for (const e of b.elements ?? []) if (e.type === 'mrkdwn') expect(e.verbatim).toBe(true);
    }
  });

  it('breaks @everyone / @channel / @here in the notification text, which has no verbatim switch', () => {
    const message = renderReply(reply({ status: 'not_covered', message: 'Tell @everyone and @channel <b>' }), { conversationId: 'c' });
    expect(message.text).not.toMatch(/@(everyone|channel)\b/);
    expect(message.text).toContain('&lt;b&gt;');
    expect(renderNote('ping @here').text).not.toMatch(/@here\b/);
  });

  it('links ¶N and the title to the article URL with the URL escaped for Slack links', () => {
    const message = renderReply(reply({ citations: [citation('Some text.')] }), { conversationId: 'c' });
    const all = texts(message.blocks).join('\n');
    expect(all).toContain('<https://news.test/a?x=1&amp;y=2|¶3>');
    expect(all).toContain('*<https://news.test/a?x=1&amp;y=2|A &lt;b&gt;title&lt;/b&gt; &amp; more>*');
  });

  it('shows ¶N as plain text when the article has no URL', () => {
    const { url: _url, ...noUrl } = article;
    const message = renderReply(reply({ article: noUrl, citations: [citation('Some text.')] }), { conversationId: 'c' });
    expect(texts(message.blocks).join('\n')).toContain('— ¶3');
  });
});

describe('Slack renderer: limits', () => {
  it('trims a very long excerpt on a word boundary with a visible marker, keeping its citation whole', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const message = renderReply(reply({ citations: [citation(long, 7)] }), { conversationId: 'c' });
    const text = (message.blocks[0] as AnyBlock).text!.text;
    expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    const [quote, cite] = text.split('\n');
    expect(quote).toMatch(/ word\d+ …$/);
    expect(cite).toBe('— <https://news.test/a?x=1&amp;y=2|¶7>');
  });

  it('keeps escaping within the limit: an excerpt of ampersands (5× longer escaped) still fits', () => {
    const amps = Array.from({ length: 1500 }, () => '& &').join(' ');
    const text = quoteExcerpt(amps, [], SECTION_TEXT_MAX - 20);
    expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX - 20);
    expect(text).not.toMatch(/&(a|am|amp)?( |$)(?!…)/); // no half entity before a space or the end
    expect(text.endsWith('…')).toBe(true);
  });

  it('never goes over 50 blocks: extra excerpts are left out with a note, and the buttons stay', () => {
    const many = Array.from({ length: 80 }, (_, i) => citation(`Excerpt number ${i}.`, (i % 9) + 1));
    const message = renderReply(reply({ status: 'search', citations: many, hasMore: true, notices: ['cut'], message: 'Found 80.' }), {
      conversationId: 'c',
    });
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    const all = texts(message.blocks).join('\n');
    expect(all).toMatch(/\d+ more excerpts not shown here/);
    expect(message.blocks.at(-1)!.type).toBe('actions');
  });

  it('keeps every button value under 2,000 characters even for the longest question', () => {
    const question = 'why '.repeat(2000);
    const message = renderReply(reply({ question, citations: [citation('A b c.')], hasMore: true }), {
      conversationId: 'slack:T0000000000:C0000000000:1700000000.000000',
      thread: '1700000000.000000',
      shareKey: 'k'.repeat(36),
    });
    for (const v of values(message.blocks)) expect(v.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
  });

  it('holds the limits for any excerpts and highlights (property)', () => {
    const excerpt = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '&', '<', '>', '*', '\n', 'é', '—'), maxLength: 4000 });
    fc.assert(
      fc.property(fc.array(excerpt, { maxLength: 60 }), fc.array(fc.tuple(fc.nat(4000), fc.nat(60)), { maxLength: 10 }), (excerpts, hl) => {
        const citations = excerpts.map((e) =>
          citation(
            e,
            1,
            hl.map(([s, l]) => ({ start: s, end: s + l })),
          ),
        );
        const { url: _url, ...noUrl } = article;
        const message = renderReply(reply({ citations, article: noUrl, hasMore: true }), { conversationId: 'c' });
        expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
        for (const t of texts(message.blocks)) {
          expect(t.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
          expect(t).not.toContain('<'); // no links without a URL, so no raw '<' at all
          for (const line of t.split('\n')) expect(line.slice(1)).not.toContain('>'); // only the quote marker
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('Slack renderer: bold and layout', () => {
  it('widens a highlight to the whole word, since Slack ignores * inside a word', () => {
    const text = 'a patent licensing agreement';
    expect(quoteExcerpt(text, [{ start: 9, end: 15 }], 3000)).toBe('>a patent *licensing* agreement');
  });

  it('merges highlights separated only by a space into one bold run', () => {
    expect(
      boldRanges('Samsung Electronics has', [
        { start: 0, end: 7 },
        { start: 8, end: 19 },
      ]),
    ).toEqual([{ start: 0, end: 19 }]);
  });

  it('quotes every line of a multi-line excerpt and splits bold at the line break', () => {
    expect(quoteExcerpt('one two\nthree', [{ start: 4, end: 13 }], 3000)).toBe('>one *two*\n>*three*');
  });

  it('gives answers More, Full paragraph and 👍/👎 buttons carrying the conversation; a quote has no Full paragraph', () => {
    const answered = renderReply(reply({ citations: [citation('x.')], hasMore: true }), { conversationId: 'conv', thread: '123.4' });
    const ids = (answered.blocks as AnyBlock[])
      .flatMap((b) => [
        ...(b.accessory ? [(b.accessory as { action_id?: string }).action_id] : []),
        ...(b.elements ?? []).map((e) => (e as { action_id?: string }).action_id),
      ])
      .filter(Boolean);
    expect(ids).toEqual(['pilcrow_full_1', 'pilcrow_more', 'pilcrow_vote_up', 'pilcrow_vote_down']);
    for (const v of values(answered.blocks)) expect(JSON.parse(v)).toMatchObject({ c: 'conv' });

    const quote = renderReply(reply({ status: 'quote', citations: [citation('x.')] }), { conversationId: 'conv' });
    expect(JSON.stringify(quote.blocks)).not.toContain('pilcrow_full');
  });

  it('says "not covered" plainly, with feedback buttons but no citation', () => {
    const message = renderReply(reply({ status: 'not_covered', message: "The article doesn't mention India." }), { conversationId: 'c' });
    expect(texts(message.blocks)[0]).toBe("The article doesn't mention India.");
    expect(JSON.stringify(message.blocks)).not.toMatch(/¶\d/);
    expect(message.text).toBe("The article doesn't mention India.");
  });

  it('trimLine never leaves half an entity behind', () => {
    const t = trimLine('&amp;&amp; '.repeat(100), 50);
    expect(t.length).toBeLessThanOrEqual(50);
    expect(t).toMatch(/(&amp;)+ …$/);
  });
});
