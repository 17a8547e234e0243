/** The Discord renderer: limits, trimming on word boundaries, escaping, bold highlights, buttons. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Citation, Reply } from '../../../src/core/types.js';
import { customIds, parseCustomId } from '../../../src/adapters/discord/custom-ids.js';
import { DISCORD_LIMITS, emphasize, escapeMarkdown, renderReply, renderText, TRIM_MARKER } from '../../../src/adapters/discord/render.js';
import { clipName, toChoices } from '../../../src/adapters/discord/commands/shared.js';
import { questionText } from '../../../src/adapters/discord/mentions.js';

const ARTICLE = { id: 'a', title: 'An article', source: 'A source', paragraphCount: 40 };
const CONTEXT = { conversationId: 'dc:300000000000000001:400000000000000001' };

function citation(paragraph: number, excerpt: string, highlights: Citation['highlights'] = []): Citation {
  return { articleId: 'a', paragraph, label: `¶${paragraph}`, excerpt, start: 0, end: excerpt.length, highlights };
}

function reply(citations: Citation[], extra: Partial<Reply> = {}): Reply {
  return { status: 'answered', citations, hasMore: false, notices: [], article: ARTICLE, question: 'What?', ...extra };
}

/** Reads rendered markdown back as text: quote markers, bold markers and escapes removed. */
function unrender(markdown: string): string {
  const lines = markdown.split('\n').map((l) => l.replace(/^> ?/, ''));
  const text = lines.join('\n');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) out += text[++i];
    else if (text.startsWith('**', i)) i++;
    else out += text[i];
  }
  return out;
}

/** The rendered blocks of a description: `label → quoted text` (read back), in order. */
function blocks(description: string): Array<{ label: string; text: string }> {
  const parts = description.split(/^\*\*(¶\d+)\*\*$/m);
  const out: Array<{ label: string; text: string }> = [];
  for (let i = 1; i < parts.length; i += 2) {
    const quoted = parts[i + 1]!.split('\n\n')[0]!.trim();
    out.push({ label: parts[i]!, text: unrender(quoted) });
  }
  return out;
}

function embedTotal(e: ReturnType<typeof renderReply>['embeds'][number]): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

const words = (n: number, seed = 'word') => Array.from({ length: n }, (_, i) => `${seed}${i % 10}`).join(' ');

describe('limits and trimming', () => {
  test('three long excerpts are each trimmed on a word boundary with a visible marker; every label stays', () => {
    const long = [1, 2, 3].map((p) => citation(p, words(600, `p${p}w`)));
    const { embeds } = renderReply(reply(long), CONTEXT);
    const description = embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const shown = blocks(description);
    expect(shown.map((b) => b.label)).toEqual(['¶1', '¶2', '¶3']);
    shown.forEach((b, i) => {
      expect(b.text.endsWith(` ${TRIM_MARKER}`)).toBe(true);
      const kept = b.text.slice(0, -2);
      const original = long[i]!.excerpt;
      expect(original.startsWith(kept)).toBe(true);
      expect(original[kept.length]).toBe(' ');
    });
  });

  test('a summary with more citations than fit shows whole blocks and says how many are left out', () => {
    const many = Array.from({ length: 60 }, (_, i) => citation(i + 1, words(40, `s${i}x`)));
    const { embeds } = renderReply(reply(many, { status: 'summary' }), CONTEXT);
    const description = embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const shown = blocks(description);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(60);
    expect(description).toContain(`${60 - shown.length} more passages not shown.`);
  });

  test('title, footer and description together stay within 6,000 characters', () => {
    const { embeds } = renderReply(reply([citation(1, words(2000))], { question: words(400, 'q'), article: { ...ARTICLE, title: words(500, 't') } }), CONTEXT);
    const e = embeds[0]!;
    expect(e.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(e.title!.endsWith(TRIM_MARKER)).toBe(true);
    expect(embedTotal(e)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  test('plain lines are trimmed to 2,000 characters on a word boundary', () => {
    const { content } = renderText(words(1000));
    expect(content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(content!.endsWith(` ${TRIM_MARKER}`)).toBe(true);
  });

  test('property: any reply fits every Discord limit, labels intact, excerpts verbatim prefixes', () => {
    const text = fc
      .array(
        fc.oneof(fc.constantFrom('*', '_', '~', '`', '|', '>', '<@123>', '@everyone', '# ', '\n', '  ', '\\'), fc.string({ maxLength: 12 }), fc.constant(' ')),
        {
          maxLength: 900,
        },
      )
      .map((parts) => parts.join(''))
      .filter((s) => s.trim().length > 0);
    const cite = fc.tuple(fc.integer({ min: 1, max: 999 }), text, fc.array(fc.tuple(fc.nat(1200), fc.nat(40)), { maxLength: 8 })).map(([p, t, hs]) =>
      citation(
        p,
        t,
        hs.map(([s, l]) => ({ start: s, end: s + l })),
      ),
    );
    fc.assert(
      fc.property(
        fc.array(cite, { maxLength: 25 }),
        fc.constantFrom<Reply['status']>('answered', 'summary', 'search', 'quote'),
        fc.boolean(),
        fc.string({ maxLength: 400 }),
        (citations, status, hasMore, question) => {
          const { embeds, components } = renderReply(reply(citations, { status, hasMore, question, message: question }), CONTEXT);
          const e = embeds[0]!;
          expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          expect(embedTotal(e)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          const shown = blocks(e.description ?? '');
          shown.forEach((b, i) => {
            expect(b.label).toBe(citations[i]!.label);
            const kept = b.text.endsWith(` ${TRIM_MARKER}`) && b.text !== citations[i]!.excerpt ? b.text.slice(0, -2) : b.text;
            // Block text is read back trimmed, so trailing white space is not compared.
            expect(citations[i]!.excerpt.startsWith(kept.trimEnd())).toBe(true);
          });
          for (const row of components) {
            expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
            for (const b of row.components) {
              if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
              if ('label' in b && b.label) expect(b.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('formatting', () => {
  test('matched terms are bold; neighbouring matches form one bold run; spaces stay outside', () => {
    const text = 'Samsung signed with Yangtze Memory Technologies today';
    const out = emphasize(text, [
      { start: 0, end: 7 },
      { start: 20, end: 27 },
      { start: 28, end: 34 },
      { start: 34, end: 47 },
    ]);
    expect(out).toBe('**Samsung** signed with **Yangtze Memory Technologies** today');
  });

  test('markdown and mention syntax in article text shows literally', () => {
    const raw = '# Not a heading *not italic* __x__ `code` ||spoiler|| <@123> [link](http://x) > quote';
    const escaped = escapeMarkdown(raw);
    expect(escaped).not.toContain('<@123>');
    expect(escaped.startsWith('\\#')).toBe(true);
    expect(unrender(escaped)).toBe(raw);
  });

  test('a quote with line breaks keeps every line inside the block quote', () => {
    const { embeds } = renderReply(reply([citation(3, 'first line\nsecond line')], { status: 'quote' }), CONTEXT);
    expect(embeds[0]!.description).toBe('**¶3**\n> first line\n> second line');
  });

  test('a not-covered reply has its message, no citation, and feedback buttons but no More', () => {
    const { embeds, components } = renderReply(reply([], { status: 'not_covered', message: "The article doesn't mention India." }), CONTEXT);
    expect(embeds[0]!.description).toBe("The article doesn't mention India.");
    const ids = components.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(ids.some((id) => id.startsWith('pc|vote|up|'))).toBe(true);
    expect(ids.some((id) => id.startsWith('pc|more|'))).toBe(false);
  });

  test('a link button to the source appears when the article has a URL', () => {
    const { components } = renderReply(reply([citation(1, 'x')], { article: { ...ARTICLE, url: 'https://example.com/a' } }), CONTEXT);
    const link = components.flatMap((r) => r.components).find((c) => 'url' in c);
    expect(link).toMatchObject({ style: 5, url: 'https://example.com/a', label: 'Read the article' });
  });
});

describe('custom ids, choices, mention text', () => {
  test('button ids round-trip and stay within 100 characters, even with a long article id', () => {
    const conv = 'dc:300000000000000001:400000000000000001';
    expect(parseCustomId(customIds.more(conv))).toEqual({ action: 'more', conversationId: conv });
    expect(parseCustomId(customIds.paragraph(4, 'my article|x'))).toEqual({ action: 'paragraph', paragraph: 4, articleId: 'my article|x' });
    expect(parseCustomId(customIds.vote('down', conv, 2, 'a'))).toEqual({ action: 'vote', vote: 'down', conversationId: conv, paragraph: 2, articleId: 'a' });
    const long = 'x'.repeat(120);
    expect(customIds.vote('up', conv, 2, long).length).toBeLessThanOrEqual(100);
    expect(parseCustomId(customIds.vote('up', conv, 2, long))).toEqual({ action: 'vote', vote: 'up', conversationId: conv, paragraph: 2 });
    expect(parseCustomId('someone-else|button')).toBeUndefined();
    expect(parseCustomId('pc|vote|sideways||a|c')).toBeUndefined();
  });

  test('autocomplete choices: at most 25, names clipped to 100 on a word, over-long values skipped', () => {
    const suggestions = Array.from({ length: 40 }, (_, i) => ({ name: words(30, `n${i}`), value: `v${i}` }));
    suggestions.unshift({ name: 'too long a value', value: 'y'.repeat(101) });
    const choices = toChoices(suggestions);
    expect(choices).toHaveLength(25);
    expect(choices[0]!.value).toBe('v0');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(clipName(words(30))).toMatch(/\d…$/);
  });

  test('the question is the message text without the bot mention or other mention tokens', () => {
    expect(questionText('<@100> what did <@!200> say in <#300> to <@&400>?', '100')).toBe('what did say in to ?');
    expect(questionText('hey <@!100>   why?', '100')).toBe('hey why?');
  });
});
