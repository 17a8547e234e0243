/**
 * A storm of REST 429s: discord.js alone waits and retries without end. Pilcrow bounds the
 * waits per request, then reports the failure (logged) and goes on serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RATE_LIMIT_WAITS } from '../../../src/adapters/discord/api-rate-limits.js';
import { BOT_ID, CHANNEL_ID } from '../../../scripts/demo/fake-discord.js';
import { messagePayload, newUserId } from '../../../scripts/demo/discord-payloads.js';
import { isChannelMessage, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimitPerMinute: 100 });
});
afterAll(async () => {
  await h?.stop();
});

describe('Discord REST 429 storm', () => {
  it('gives up after a bounded number of 429s on one message, logs it, and then answers again', async () => {
    const clear = h.fake.fail(isChannelMessage(CHANNEL_ID), 429);
    h.fake.dispatch('MESSAGE_CREATE', messagePayload({ content: `<@${BOT_ID}> What is FEB?`, authorId: newUserId(), mentionsBot: true }));
    await expect.poll(() => h.logs.find((l) => l.msg === 'discord: handling a mention failed').length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The reply and the apology each get at most MAX_RATE_LIMIT_WAITS + 1 attempts.
    await expect
      .poll(() => h.logs.find((l) => l.msg === 'discord: could not tell the user that handling failed').length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const attempts = h.fake.find((r) => isChannelMessage(CHANNEL_ID)(r) && r.status === 429).length;
    expect(attempts).toBeLessThanOrEqual(2 * (MAX_RATE_LIMIT_WAITS + 1));
    clear();

    h.fake.dispatch('MESSAGE_CREATE', messagePayload({ content: `<@${BOT_ID}> Which Swedish company failed?`, authorId: newUserId(), mentionsBot: true }));
    const answer = await h.fake.waitForRequest((r) => isChannelMessage(CHANNEL_ID)(r) && r.status === 200);
    expect(JSON.stringify(answer.body)).toContain('Northvolt');
  });
});
