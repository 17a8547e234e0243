/** The per-user request limit, on the same library as the Discord side (rate-limiter-flexible). */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Counts requests per user over a rolling minute. */
export class UserRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new RangeError(`Slack adapter: rateLimitPerMinute must be a whole number ≥ 1 (got ${perMinute}).`);
    }
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Takes one request from `key`'s allowance: `undefined` when allowed, else the seconds to wait. */
  async take(key: string): Promise<number | undefined> {
    try {
      await this.limiter.consume(key);
      return undefined;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw error;
    }
  }
}
