/**
 * `/insights` through the real discord.js client against the fake Discord: members who manage the
 * server get the week's figures privately; others are turned away privately, with no figures.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INSIGHTS_TEXT } from '../../../src/adapters/discord/commands/insights.js';
import { insightsSource } from '../../../src/store/question-log.js';
import { startSeeded, type Seeded } from '../../http/seed.js';
import { newUserId, slashCommand } from '../../../scripts/demo/discord-payloads.js';
import { GUILD_ID } from '../../../scripts/demo/fake-discord.js';
import { answerTo, startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;
const MANAGE_GUILD = 32n;
let s: Seeded;
let h: Harness;
beforeAll(async () => {
  s = await startSeeded({ tenant: `discord:${GUILD_ID}` });
  h = await startHarness({ insights: insightsSource(s.log, 'https://bot.example.org/insights') });
});
afterAll(async () => {
  await h?.stop();
  await s?.close();
});

function insightsBy(permissions: bigint) {
  const interaction = slashCommand('insights', [], newUserId());
  (interaction as unknown as { member: { permissions: string } }).member.permissions = String(permissions);
  h.fake.dispatch('INTERACTION_CREATE', interaction);
  return answerTo(h.fake, interaction);
}

describe('/insights', () => {
  test("a member with Manage Server gets the server's last 7 days privately: figures, top gaps, the page link", async () => {
    const { message } = await insightsBy(1071698660929n | MANAGE_GUILD);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    const text = JSON.stringify(message);
    expect(text).toContain('8 questions · 5 answered · 3 not covered');
    expect(text).toContain('india — 2×');
    expect(text).toContain('https://bot.example.org/insights');
  });

  test('a member without Manage Server is told so privately and sees no figures', async () => {
    const { message } = await insightsBy(1071698660929n & ~MANAGE_GUILD);
    expect(message.flags! & EPHEMERAL).toBe(EPHEMERAL);
    const text = JSON.stringify(message);
    expect(text).toContain(INSIGHTS_TEXT.notAllowed);
    expect(text).not.toContain('questions');
  });
});
