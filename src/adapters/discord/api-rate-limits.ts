/**
 * discord.js waits out every 429 and tries again, without end: a storm of 429s on one route
 * holds an answer for as long as it lasts. This bounds it: per request URL, a few waits within
 * the reply deadline, after which discord.js rejects with a RateLimitError and the handler
 * tells the user (privately, where it can) instead of leaving them waiting.
 */
import type { RateLimitData } from 'discord.js';
import { LRUCache } from 'lru-cache';

/** Waits allowed per request URL (within the deadline) before a rate limit is reported as a failure. */
export const MAX_RATE_LIMIT_WAITS = 5;

/** discord.js's `rest.rejectOnRateLimit`: true once a URL has waited too often or too long. */
export function boundedRateLimitWaits(deadlineMs: number, maxWaits = MAX_RATE_LIMIT_WAITS): (data: RateLimitData) => boolean {
  // One entry per URL being rate limited; it expires a deadline after its first wait.
  const waits = new LRUCache<string, { count: number; first: number }>({ max: 10_000, ttl: deadlineMs, noUpdateTTL: true });
  return (data) => {
    const key = `${data.method} ${data.url}`;
    const now = Date.now();
    const entry = waits.get(key) ?? { count: 0, first: now };
    entry.count += 1;
    waits.set(key, entry);
    return entry.count > maxWaits || now - entry.first + data.retryAfter > deadlineMs;
  };
}
