/**
 * Shared state on Redis (ioredis): keyed maps bounded like the in-memory LRU (a sorted set of
 * keys by last write, trimmed in the same script that writes), Slack event de-duplication with
 * `SET NX PX`, and rate-limiter-flexible's Redis limiter.
 *
 * Redis down never stops an answer: the offline queue is off and commands time out quickly, so a
 * call fails at once; maps and the ledger fall back to this process's memory (follow-ups on the
 * same process keep their context, other processes answer without it), the limiter to its
 * in-memory insurance limiter. Each failure is counted (`pilcrow_store_errors_total`); the log
 * says when Redis went away and when it came back. ioredis keeps reconnecting in the background.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Metrics } from '../runtime/metrics.js';
import { MemoryLedger, MemoryMap } from './memory.js';
import type { EventLedger, KeyValueStore, MapOptions, StateStores } from './types.js';
import { redisConnection } from './urls.js';

/** What the Redis stores log through (a pino logger fits). */
export interface StoreLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Options of the Redis stores. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** Put before every key, so deployments (and test runs) can share one Redis. Default `pilcrow:`. */
  prefix?: string;
  logger: StoreLogger;
  metrics?: Metrics;
  /** How long start-up waits for the first connection before going on without it. Default 5,000 ms. */
  connectWaitMs?: number;
  /** One command may take this long before it counts as failed. Default 500 ms. */
  commandTimeoutMs?: number;
}

/**
 * Writes a value with a time to live and records its key in the map's index (by Redis's own clock,
 * so processes with skewed clocks agree); drops index entries older than the TTL and, past `max`
 * keys, the oldest keys themselves — the same bound as the in-memory LRU.
 * KEYS: value key, index key. ARGV: value, ttl ms, max.
 */
const BOUNDED_SET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZADD', KEYS[2], now, KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if over > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, over - 1)
  redis.call('DEL', unpack(old))
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
end
redis.call('PEXPIRE', KEYS[2], ttl)
return over
`;

type BoundedClient = Redis & {
  pilcrowBoundedSet(key: string, index: string, value: string, ttlMs: number, max: number): Promise<number>;
};

/** Where a URL points, without its credentials (for logs). */
export function redisTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

/** Connects to Redis and returns the shared stores. Never throws for an unreachable server. */
export async function redisStores(options: RedisStoreOptions): Promise<StateStores> {
  const prefix = options.prefix ?? 'pilcrow:';
  const { logger, metrics } = options;
  const target = redisTarget(options.url);
  // The parsed parts, never the string: see `./urls.ts`.
  const client = new Redis({
    ...redisConnection(options.url),
    lazyConnect: true,
    // A command while disconnected fails at once rather than waiting in a queue: an answer
    // never waits for Redis to come back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    connectTimeout: 2_000,
    // Reconnect for ever, backing off to one attempt every 5 s.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5_000),
  }) as BoundedClient;
  client.defineCommand('pilcrowBoundedSet', { numberOfKeys: 2, lua: BOUNDED_SET });

  let up = false;
  let everUp = false;
  let lastError = '';
  metrics?.redisUp.set(0);
  client.on('ready', () => {
    if (!up) logger.info({ redis: target }, everUp ? 'redis reconnected: shared state back' : 'redis connected');
    up = true;
    everUp = true;
    lastError = '';
    metrics?.redisUp.set(1);
  });
  client.on('error', (error: Error) => {
    // ioredis reports every failed reconnect; say it once per outage (and when the cause changes).
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ redis: target, reason: error.message }, 'redis unreachable: answering without shared state until it reconnects');
  });
  client.on('close', () => {
    if (up) logger.warn({ redis: target }, 'redis connection lost: answering without shared state until it reconnects');
    up = false;
    metrics?.redisUp.set(0);
  });

  const connectWait = options.connectWaitMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.connect().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, connectWait);
    }),
  ]);
  clearTimeout(timer);
  if (!up) logger.warn({ redis: target }, 'redis not reachable at start: answering without shared state; retrying in the background');

  const failures = new Map<string, number>();
  const failed = (store: string, operation: string, error: unknown) => {
    metrics?.storeErrors.inc({ store, operation });
    // One line per store and operation per 30 s: an outage must not flood the log.
    const key = `${store}:${operation}`;
    const now = Date.now();
    if (now - (failures.get(key) ?? 0) < 30_000) return;
    failures.set(key, now);
    logger.warn({ store, operation, reason: error instanceof Error ? error.message : String(error) }, 'shared state unavailable; going on without it');
  };

  return {
    kind: 'redis',
    map: <V>(name: string, mapOptions: MapOptions) => new RedisMap<V>(client, `${prefix}${name}:`, mapOptions, (op, e) => failed(name, op, e)),
    ledger: (name, ledgerOptions) => new RedisLedger(client, `${prefix}${name}:`, ledgerOptions, (op, e) => failed(name, op, e)),
    rateLimiter: (name, { points, durationSeconds }) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}${name}`,
        points,
        duration: durationSeconds,
        // Redis down: each process limits on its own until it is back.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
      }),
    degraded: () => (up ? undefined : `redis unreachable (${target}): answering without shared state`),
    async close() {
      client.removeAllListeners('close');
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/** A keyed map on Redis, written through to this process's memory, which stands in while Redis is down. */
class RedisMap<V> implements KeyValueStore<V> {
  private readonly index: string;
  private readonly local: MemoryMap<V>;

  constructor(
    private readonly client: BoundedClient,
    private readonly prefix: string,
    private readonly options: MapOptions,
    private readonly failed: (operation: string, error: unknown) => void,
  ) {
    this.index = `${prefix}~index`;
    this.local = new MemoryMap<V>(options);
  }

  /** A stored value read back; a value that is not JSON is reported and read as missing. */
  private parse(raw: string | null): V | undefined {
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as V;
    } catch (error) {
      this.failed('parse', error);
      return undefined;
    }
  }

  async get(key: string): Promise<V | undefined> {
    let raw: string | null;
    try {
      raw = this.options.slide ? await this.client.getex(this.prefix + key, 'PX', this.options.ttlMs) : await this.client.get(this.prefix + key);
    } catch (error) {
      this.failed('get', error);
      return this.local.get(key);
    }
    const value = this.parse(raw);
    // Kept in memory too: should Redis go away, this process still holds what it last read.
    if (value !== undefined) await this.local.set(key, value);
    return value;
  }

  async set(key: string, value: V): Promise<void> {
    // Written through to memory as well: a thread started before an outage keeps its context in
    // the process that holds it (other processes answer without it until Redis is back).
    await this.local.set(key, value);
    try {
      await this.client.pilcrowBoundedSet(this.prefix + key, this.index, JSON.stringify(value), this.options.ttlMs, this.options.max);
    } catch (error) {
      this.failed('set', error);
    }
  }

  async take(key: string): Promise<V | undefined> {
    let raw: string | null;
    try {
      // GETDEL: atomic, so two processes taking the same key cannot both get it.
      const [[error, value] = [null, null]] =
        (await this.client
          .multi()
          .getdel(this.prefix + key)
          .zrem(this.index, this.prefix + key)
          .exec()) ?? [];
      if (error) throw error;
      raw = value as string | null;
    } catch (error) {
      this.failed('take', error);
      return this.local.take(key);
    }
    // Taken from Redis: this process's copy goes too, so it cannot be taken twice.
    await this.local.delete(key);
    return this.parse(raw);
  }

  async delete(key: string): Promise<void> {
    await this.local.delete(key);
    try {
      await this.client
        .multi()
        .del(this.prefix + key)
        .zrem(this.index, this.prefix + key)
        .exec();
    } catch (error) {
      this.failed('delete', error);
    }
  }
}

/** De-duplication with `SET key 1 NX PX ttl`: only the first claim, in any process, gets `OK`. */
class RedisLedger implements EventLedger {
  private readonly local: MemoryLedger;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly options: { max: number; ttlMs: number },
    private readonly failed: (operation: string, error: unknown) => void,
  ) {
    this.local = new MemoryLedger(options);
  }

  async claim(id: string): Promise<boolean> {
    try {
      const result = await this.client.set(this.prefix + id, '1', 'PX', this.options.ttlMs, 'NX');
      return result === 'OK';
    } catch (error) {
      // Down: this process at least answers each event once.
      this.failed('claim', error);
      return this.local.claimNow(id);
    }
  }
}
