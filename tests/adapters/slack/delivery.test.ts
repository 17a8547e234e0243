/**
 * Delivery under rate limits, outages and floods, through the real Bolt app and the fake Slack:
 * a 429 in one channel must not hold up answers in another; a Web API outage shorter than the
 * reply deadline loses no answer; past MAX_PENDING answers in progress, new work is shed with a
 * "busy" note instead of queueing without bound.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, request } from 'node:http';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import type { Bot } from '../../../src/core/types.js';
import type { Reply, Request } from '../../../src/core/types.js';
import { BOT_USER_ID, FakeSlack } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, captureLogger, postEvent, realBot, SIGNING_SECRET, startHarness, type Harness } from './harness.js';

describe('Slack rate limits are per channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ replyDeadlineMs: 60_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a 429 in one channel delays only that channel: another channel is answered meanwhile', async () => {
    // Retry-After 30 s: far longer than the wait for the other channel's answer (8 s at most).
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UD1', channel: 'CD-LIMITED' }));
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.status === 429), 'the 429');
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'UD2', channel: 'CD-OTHER' }));
    const other = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CD-OTHER');
    expect(blocksText(other.params.blocks)).toContain('Northvolt');
    // The limited channel has not been retried yet: its Retry-After still runs.
    expect(
      h.fake
        .callsTo('chat.postMessage')
        .filter((c) => c.params.channel === 'CD-LIMITED')
        .map((c) => c.status),
    ).toEqual([429]);
    expect(h.lines.some((l) => l.msg === 'slack: delivery failed, will retry (rate limit or outage)' && l.destination === 'channel:CD-LIMITED')).toBe(true);
  });
});

describe('Slack replies under rate limits and outages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ replyDeadlineMs: 20_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rides out a Web API outage (a run of 500s) shorter than the deadline: no answer lost', async () => {
    h.fake.failNext('chat.postMessage', ...Array.from({ length: 12 }, () => ({ status: 500 }) as const));
    const channels = ['CO1', 'CO2', 'CO3'];
    for (const channel of channels) {
      await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UO1', channel }));
    }
    for (const channel of channels) {
      const post = await h.fake.waitFor(
        () => h.fake.calls.find((c) => c.method === 'chat.postMessage' && c.status === 200 && c.params.channel === channel),
        `the answer in ${channel}`,
        15_000,
      );
      expect(blocksText(post.params.blocks)).toContain('Far East Battery');
    }
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.status === 500)).toHaveLength(12);
    expect(h.fake.callsTo('chat.postEphemeral').filter((c) => channels.includes(String(c.params.channel)))).toHaveLength(0);
  });
});

describe('Slack backpressure', () => {
  let h: Harness;
  let release: () => void = () => {};
  beforeAll(async () => {
    const bot = await realBot();
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The real core behind a gate: answers stay in progress until the test opens it.
    const slow: Pick<Bot, 'handle' | 'feedback'> = {
      handle: async (request: Request): Promise<Reply> => {
        await gate;
        return bot.handle(request);
      },
      feedback: (f) => bot.feedback(f),
    };
    h = await startHarness({ bot: slow, maxPending: 2 });
  });
  afterAll(async () => {
    release();
    await h?.close();
  });

  it('past MAX_PENDING answers in progress, sheds new requests with a busy note, then answers the rest', async () => {
    for (let i = 1; i <= 5; i += 1) {
      await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB? (${i})`, user: `UB${i}`, channel: `CB${i}` }));
    }
    await h.fake.waitFor(() => (h.fake.callsTo('chat.postEphemeral').length >= 3 ? true : undefined), 'three busy notes');
    const notes = h.fake.callsTo('chat.postEphemeral');
    expect(notes.map((n) => n.params.channel).sort()).toEqual(['CB3', 'CB4', 'CB5']);
    for (const n of notes) expect(blocksText(n.params.blocks)).toMatch(/busy.*try again/i);
    expect(h.adapter.stats()).toMatchObject({ active: 2, shed: 3 });
    // Logged once per 100 shed requests: the first of the three.
    expect(h.lines.filter((l) => l.event === 'request.shed')).toHaveLength(1);

    release();
    for (const channel of ['CB1', 'CB2']) await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === channel);
    await vi.waitFor(() => expect(h.adapter.stats().active).toBe(0));
  });
});

describe('Slack replies through refused connections', () => {
  it('keeps retrying while the Web API refuses connections, and delivers once it is back', async () => {
    const fake = await new FakeSlack().start();
    // A relay in front of the fake Web API that can stop listening (connections then refused).
    const target = new URL(fake.apiUrl);
    const relay = createServer((req, res) => {
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as { port: number }).port;
    const { logger, lines } = captureLogger();
    const adapter = createSlackAdapter({
      config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: `http://127.0.0.1:${port}/api/`, port: 0 },
      bot: await realBot(),
      logger,
      rateLimitPerMinute: 1000,
      host: '127.0.0.1',
      replyDeadlineMs: 20_000,
      retryDelays: { baseMs: 10, maxMs: 100 },
    });
    await adapter.start();
    try {
      relay.close();
      relay.closeAllConnections();
      await postEvent(adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'UR1', channel: 'CR1' }));
      await vi.waitFor(
        () => expect(lines.filter((l) => l.msg === 'slack: delivery failed, will retry (rate limit or outage)').length).toBeGreaterThanOrEqual(3),
        { timeout: 10_000 },
      );
      await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
      const post = await fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CR1', 'the answer after the outage');
      expect(blocksText(post.params.blocks)).toContain('Far East Battery');
      expect(lines.some((l) => l.slackCode === 'slack_webapi_request_error')).toBe(true);
    } finally {
      await adapter.stop();
      relay.close();
      await fake.stop();
    }
  });
});
