/**
 * Fuzz (fast-check) over the core and both renderers: any text, in any command, in a
 * conversation, is answered without a throw, and both renderings stay within their platform's
 * limits and never carry a broadcast ping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, renderReply as renderDiscord } from '../../src/adapters/discord/render.js';
import { BUTTON_VALUE_MAX } from '../../src/adapters/slack/buttons.js';
import { MAX_BLOCKS, renderReply as renderSlack, SECTION_TEXT_MAX } from '../../src/adapters/slack/render.js';
import type { Command } from '../../src/core/types.js';
import { bundledBot } from '../helpers.js';

// Hostile fragments mixed into random text of every kind of code unit.
const FRAGMENTS = [
  '@everyone',
  '@here',
  '<!channel>',
  '<@U123>',
  '<@&1>',
  '¶',
  'quote 3',
  'more',
  'search ',
  '**',
  '`',
  '\u0000',
  '\uD800',
  '\u202E',
  '😀',
  '\n\n',
  ' '.repeat(50),
];
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...FRAGMENTS)), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const command: fc.Arbitrary<Command> = fc.oneof(
  text.map((t) => ({ kind: 'text' as const, text: t })),
  text.map((t) => ({ kind: 'ask' as const, question: t })),
  text.map((t) => ({ kind: 'search' as const, query: t })),
  fc.integer({ min: -5, max: 50 }).map((p) => ({ kind: 'quote' as const, paragraph: p })),
  fc.constant({ kind: 'more' as const }),
  fc.constant({ kind: 'summary' as const }),
);

describe('fuzz: core and renderers', () => {
  it('answers any sequence of commands and renders within both platforms’ limits', async () => {
    const bot = await bundledBot();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 3 }), async (commands) => {
        const conversationId = `fuzz-${++n}`;
        for (const c of commands) {
          const reply = await bot.handle({ conversationId, userId: 'fuzzer', command: c });
          const discord = renderDiscord(reply, { conversationId });
          for (const e of discord.embeds) {
            expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
            expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          }
          for (const row of discord.components) {
            for (const b of row.components) if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
          }
          const slack = renderSlack(reply, { conversationId, thread: '1700000000.000100' });
          expect(slack.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
          const json = JSON.stringify(slack.blocks);
          for (const m of json.matchAll(/"value":"((?:[^"\\]|\\.)*)"/g)) expect(JSON.parse(`"${m[1]}"`).length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
          for (const m of json.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)) expect(JSON.parse(`"${m[1]}"`).length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
          expect(json).not.toMatch(/<!(?:channel|here|everyone)>/);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
