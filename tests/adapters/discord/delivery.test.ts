/**
 * Discord delivery through outages and floods: a mention answered during a run of 500s still
 * gets its one reply once Discord recovers; past MAX_PENDING answers in progress, a new request
 * gets a short "busy" reply instead of queueing without bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, CHANNEL_ID } from '../../../scripts/demo/fake-discord.js';
import { messagePayload, newUserId, opt, slashCommand } from '../../../scripts/demo/discord-payloads.js';
import { answerTo, isChannelMessage, plain, startHarness, type Harness, type MessageBody } from './harness.js';

describe('Discord delivery through an outage', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimitPerMinute: 100, replyDeadlineMs: 30_000 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('retries a mention reply through a run of 500s, and it arrives exactly once', async () => {
    const message = messagePayload({ content: `<@${BOT_ID}> What is FEB?`, authorId: newUserId(), mentionsBot: true });
    const ours = isChannelMessage(CHANNEL_ID, (b) => b.message_reference?.message_id === message.id);
    const clear = h.fake.fail(ours, 500);
    h.fake.dispatch('MESSAGE_CREATE', message);
    // More failures than discord.js's own retries (3) can absorb.
    await expect.poll(() => h.fake.find((r) => ours(r) && r.status === 500).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    clear();
    const reply = await h.fake.waitForRequest((r) => ours(r) && r.status === 200, 15_000);
    expect(plain((reply.body as MessageBody).embeds?.[0]?.description)).toContain('Far East Battery');
    expect(h.fake.find((r) => ours(r) && r.status === 200)).toHaveLength(1);
    expect(h.logs.find((l) => l.msg === 'discord: handling a mention failed')).toHaveLength(0);
  });
});

describe('Discord backpressure', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimitPerMinute: 100, maxPending: 1 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('past MAX_PENDING answers in progress, answers a new request with a busy note', async () => {
    // The first answer stays in the core for 2 s: long enough for the second request to arrive.
    let slowStarted = false;
    h.hooks.delayMs = (text) => {
      if (!text.includes('slowly')) return 0;
      slowStarted = true;
      return 2_000;
    };
    const first = slashCommand('ask', [opt.string('question', 'What is FEB, slowly?')], newUserId());
    h.fake.dispatch('INTERACTION_CREATE', first);
    await expect.poll(() => slowStarted).toBe(true);
    const second = slashCommand('ask', [opt.string('question', 'Which Swedish company failed?')], newUserId());
    h.fake.dispatch('INTERACTION_CREATE', second);
    const busy = await answerTo(h.fake, second);
    expect(JSON.stringify(busy.message)).toMatch(/busy with a lot of questions/);
    expect(busy.message.flags).toBe(64);
    const answered = await answerTo(h.fake, first);
    expect(plain(answered.message.embeds?.[0]?.description)).toContain('Far East Battery');
    expect(h.logs.find((l) => l.event === 'request.shed')).toHaveLength(1);
  });
});
