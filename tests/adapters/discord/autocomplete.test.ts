/**
 * Autocomplete cannot be used to starve answers: each user has an autocomplete budget (past
 * it, suggestions are empty), and only the first characters of what is typed are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOCOMPLETE_INPUT_MAX } from '../../../src/core/bot/autocomplete.js';
import { autocomplete, newUserId, opt } from '../../../scripts/demo/discord-payloads.js';
import { bundledBot } from '../../helpers.js';
import { isCallback, startHarness, type CallbackBody, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ autocompletePerMinute: 3 });
});
afterAll(async () => {
  await h?.stop();
});

async function suggest(userId: string, typed: string) {
  const interaction = autocomplete('ask', [opt.string('question', typed, true)], userId);
  h.fake.dispatch('INTERACTION_CREATE', interaction);
  const body = (await h.fake.waitForRequest(isCallback(interaction.id))).body as CallbackBody;
  expect(body.type).toBe(8);
  return body.data!.choices!;
}

describe('Discord autocomplete limits', () => {
  it('gives a user empty suggestions past their autocomplete budget; other users are unaffected', async () => {
    const user = newUserId();
    for (let i = 0; i < 3; i += 1) expect((await suggest(user, 'Samsung pat')).length).toBeGreaterThan(0);
    expect(await suggest(user, 'Samsung pat')).toEqual([]);
    expect(await suggest(user, 'Samsung')).toEqual([]);
    expect((await suggest(newUserId(), 'Samsung pat')).length).toBeGreaterThan(0);
  });

  it('reads only the first AUTOCOMPLETE_INPUT_MAX characters of a 6,000-character entry', async () => {
    const bot = await bundledBot();
    const filler = 'the '.repeat(1500);
    // Words past the cut are not read: the suggestions are those of the prefix alone.
    expect(bot.suggestQuestions(`${filler}Samsung YMTC patent`)).toEqual(bot.suggestQuestions(filler.slice(0, AUTOCOMPLETE_INPUT_MAX)));
    expect(bot.paragraphChoices(`${filler}Samsung`)).toEqual(bot.paragraphChoices(filler.slice(0, AUTOCOMPLETE_INPUT_MAX)));
    const choices = await suggest(newUserId(), `${filler}Samsung YMTC patent`);
    for (const c of choices) expect(String(c.value).length).toBeLessThanOrEqual(100);
  });
});
