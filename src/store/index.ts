/** Picks where state lives: Redis when a URL is configured, else this process's memory. */
import type { Metrics } from '../runtime/metrics.js';
import { memoryStores } from './memory.js';
import { redisStores, type StoreLogger } from './redis.js';
import type { StateStores } from './types.js';

export type { EventLedger, KeyValueStore, MapOptions, StateStores } from './types.js';
export { memoryStores } from './memory.js';

/** The limits of the state Pilcrow keeps, the same in memory and on Redis. */
export const STATE_LIMITS = {
  conversations: { max: 10_000, ttlMs: 6 * 60 * 60 * 1000, slide: true },
  slackShares: { max: 1_000, ttlMs: 6 * 60 * 60 * 1000 },
  slackEvents: { max: 10_000, ttlMs: 60 * 60 * 1000 },
  discordEvents: { max: 10_000, ttlMs: 60 * 60 * 1000 },
} as const;

/** Redis stores when `redisUrl` is set (never throws for an unreachable server), else memory. */
export async function createStateStores(options: { redisUrl?: string; prefix?: string; logger: StoreLogger; metrics?: Metrics }): Promise<StateStores> {
  if (!options.redisUrl) return memoryStores();
  return redisStores({
    url: options.redisUrl,
    logger: options.logger,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
}
