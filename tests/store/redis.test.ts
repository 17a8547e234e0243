/**
 * The Redis stores against a real Redis server: the same behaviour as the in-memory ones (bounds,
 * expiry, de-duplication, rate limits), shared between two connections as between two processes,
 * and no failure reaching an answer while Redis is down — with the reconnection after it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import { UserRateLimit } from '../../src/delivery/rate-limit.js';
import { Metrics } from '../../src/runtime/metrics.js';
import { redisStores } from '../../src/store/redis.js';
import { STATE_LIMITS, type StateStores } from '../../src/store/index.js';
import { CONTENT_DIR, captureLogger } from '../adapters/slack/harness.js';
import { freePort } from '../runtime/spawn.js';
import { dropPrefix, REDIS_URL, redisReachable, redisServerBinary, startRedisServer, uniquePrefix } from './redis-env.js';

const reachable = await redisReachable();
const prefix = uniquePrefix('store');
const opened: StateStores[] = [];

async function open(options: { url?: string; metrics?: Metrics; connectWaitMs?: number } = {}) {
  const { logger, lines } = captureLogger();
  const stores = await redisStores({
    url: options.url ?? REDIS_URL,
    prefix,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    connectWaitMs: options.connectWaitMs ?? 3000,
  });
  opened.push(stores);
  return { stores, lines };
}

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  if (reachable) await dropPrefix(prefix);
});

describe.skipIf(!reachable)('Redis stores (real Redis)', () => {
  it('keep a value for another connection, as for another process, and delete it for both', async () => {
    const a = (await open()).stores.map<{ n: number }>('kv', { max: 100, ttlMs: 60_000 });
    const b = (await open()).stores.map<{ n: number }>('kv', { max: 100, ttlMs: 60_000 });
    await a.set('k1', { n: 1 });
    expect(await b.get('k1')).toEqual({ n: 1 });
    await b.delete('k1');
    expect(await a.get('k1')).toBeUndefined();
  });

  it('give a taken value to one taker only, across connections', async () => {
    const a = (await open()).stores.map<string>('take', { max: 100, ttlMs: 60_000 });
    const b = (await open()).stores.map<string>('take', { max: 100, ttlMs: 60_000 });
    await a.set('share', 'answer');
    const taken = await Promise.all([a.take('share'), b.take('share'), a.take('share'), b.take('share')]);
    expect(taken.filter((t) => t === 'answer')).toHaveLength(1);
    expect(await a.get('share')).toBeUndefined();
  });

  it('hold at most `max` keys, dropping the oldest written, like the in-memory LRU', async () => {
    const map = (await open()).stores.map<number>('bounded', { max: 3, ttlMs: 60_000 });
    for (let i = 1; i <= 5; i++) await map.set(`k${i}`, i);
    expect(await Promise.all([1, 2, 3, 4, 5].map((i) => map.get(`k${i}`)))).toEqual([undefined, undefined, 3, 4, 5]);
    const raw = new Redis(REDIS_URL);
    expect(await raw.zcard(`${prefix}bounded:~index`)).toBe(3);
    raw.disconnect();
  });

  it('expire keys after their time to live, and a read of a sliding key restarts it', async () => {
    const { stores } = await open();
    // Generous margins: a busy machine may stall a few hundred ms between two reads.
    const fixed = stores.map<number>('ttl', { max: 10, ttlMs: 1000 });
    const sliding = stores.map<number>('slide', { max: 10, ttlMs: 1000, slide: true });
    await fixed.set('a', 1);
    await sliding.set('a', 1);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 300));
      expect(await sliding.get('a')).toBe(1);
    }
    expect(await fixed.get('a')).toBeUndefined();
  });

  it('let only the first claim of an event id through, across connections', async () => {
    const a = (await open()).stores.ledger('events', { max: 100, ttlMs: 60_000 });
    const b = (await open()).stores.ledger('events', { max: 100, ttlMs: 60_000 });
    const claims = await Promise.all([a.claim('Ev1'), b.claim('Ev1'), a.claim('Ev1'), b.claim('Ev1')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await b.claim('Ev2')).toBe(true);
  });

  it('count one rate-limit budget for a user across connections', async () => {
    const limits = await Promise.all([open(), open()]);
    const [a, b] = limits.map(({ stores }) => new UserRateLimit(3, { limiter: stores.rateLimiter('rate', { points: 3, durationSeconds: 60 }) })) as [
      UserRateLimit,
      UserRateLimit,
    ];
    const decisions = [await a.take('U1'), await b.take('U1'), await a.take('U1'), await b.take('U1'), await a.take('U1')];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions[3]).toMatchObject({ allowed: false, firstRefusal: true });
    expect(decisions[4]).toMatchObject({ allowed: false, firstRefusal: false });
    expect((await b.take('U2')).allowed).toBe(true);
  });

  it('carry a conversation from one Pilcrow to another: a follow-up asked elsewhere is answered in context', async () => {
    const [one, two] = await Promise.all([open(), open()]);
    const first = await Pilcrow.fromDirectory(CONTENT_DIR, { store: one.stores.map('conversation', STATE_LIMITS.conversations) });
    const second = await Pilcrow.fromDirectory(CONTENT_DIR, { store: two.stores.map('conversation', STATE_LIMITS.conversations) });
    const alone = await Pilcrow.fromDirectory(CONTENT_DIR);
    const ask = (bot: Pilcrow, text: string) => bot.handle({ conversationId: 'thread-1', userId: 'U1', command: { kind: 'text', text } });
    const question = await ask(first, 'What did Samsung sign with YMTC?');
    // "more" has no meaning without the conversation's last question: only shared state answers it.
    const more = await ask(second, 'more');
    expect(more.status).toBe('answered');
    expect(more.citations.length).toBeGreaterThan(0);
    for (const c of more.citations) expect(question.citations.map((q) => q.excerpt)).not.toContain(c.excerpt);
    // The same request on a core with its own memory has nothing to continue.
    const without = await ask(alone, 'more');
    expect(without.status).not.toBe('answered');
  });
});

describe('Redis stores while Redis is down', () => {
  it('start without it, answer from memory, count each failure, report it as degraded, and connect once it answers', async () => {
    const port = await freePort();
    const metrics = new Metrics({ defaultMetrics: false });
    const { stores, lines } = await open({ url: `redis://127.0.0.1:${port}`, metrics, connectWaitMs: 300 });
    expect(stores.degraded()).toMatch(/redis unreachable \(redis:\/\/127\.0\.0\.1:\d+\)/);
    expect(lines.some((l) => l.msg?.startsWith('redis not reachable at start'))).toBe(true);

    const map = stores.map<number>('m', { max: 10, ttlMs: 60_000 });
    await map.set('a', 1);
    expect(await map.get('a')).toBe(1);
    const ledger = stores.ledger('e', { max: 10, ttlMs: 60_000 });
    expect([await ledger.claim('x'), await ledger.claim('x')]).toEqual([true, false]);
    const limit = new UserRateLimit(2, { limiter: stores.rateLimiter('r', { points: 2, durationSeconds: 60 }) });
    expect([(await limit.take('U')).allowed, (await limit.take('U')).allowed, (await limit.take('U')).allowed]).toEqual([true, true, false]);

    const text = (await metrics.render()).body;
    expect(text).toMatch(/pilcrow_store_errors_total\{store="m",operation="set"\} 1/);
    expect(text).toMatch(/pilcrow_store_errors_total\{store="e",operation="claim"\} 2/);
    expect(text).toContain('pilcrow_redis_up 0');

    // Once a server answers there, the stores connect by themselves.
    const binary = redisServerBinary();
    if (!binary) return;
    const server = await startRedisServer(binary, port);
    try {
      await waitUntil(() => stores.degraded() === undefined, 15_000);
      expect((await metrics.render()).body).toContain('pilcrow_redis_up 1');
      await map.set('b', 2);
      const raw = new Redis({ port, host: '127.0.0.1' });
      expect(await raw.get(`${prefix}m:b`)).toBe('2');
      raw.disconnect();
    } finally {
      server.kill('SIGKILL');
    }
  });

  const binary = redisServerBinary();
  // In CI the binary must be there (.ci/run installs it): a missing one fails rather than skips.
  it.skipIf(!binary && process.env['CI'] !== 'true')('go on through an outage and use Redis again once it is back', async () => {
    if (!binary) throw new Error('redis-server is not installed: .ci/run installs it (apt-get install redis-server).');
    const port = await freePort();
    let server: ChildProcess = await startRedisServer(binary, port);
    const url = `redis://127.0.0.1:${port}`;
    const { stores, lines } = await open({ url });
    const other = await open({ url });
    const map = stores.map<string>('outage', { max: 10, ttlMs: 60_000 });
    const seenElsewhere = other.stores.map<string>('outage', { max: 10, ttlMs: 60_000 });
    const bot = await Pilcrow.fromDirectory(CONTENT_DIR, { store: stores.map('conversation', STATE_LIMITS.conversations) });
    try {
      await map.set('before', 'yes');
      expect(await seenElsewhere.get('before')).toBe('yes');

      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      await waitUntil(() => stores.degraded() !== undefined);
      // Answers keep flowing; nothing throws.
      const reply = await bot.handle({ conversationId: 'c-outage', userId: 'U', command: { kind: 'text', text: 'What did Samsung sign with YMTC?' } });
      expect(reply.status).toBe('answered');
      await map.set('during', 'local');
      expect(lines.some((l) => l.msg?.startsWith('redis connection lost'))).toBe(true);

      server = await startRedisServer(binary, port);
      await waitUntil(() => stores.degraded() === undefined && other.stores.degraded() === undefined, 15_000);
      expect(lines.some((l) => l.msg === 'redis reconnected: shared state back')).toBe(true);
      await map.set('after', 'shared');
      expect(await seenElsewhere.get('after')).toBe('shared');
    } finally {
      server.kill('SIGKILL');
    }
  });
});

async function waitUntil(probe: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
