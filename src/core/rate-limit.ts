/**
 * The per-user rate limit every chat adapter applies, kept by rate-limiter-flexible (in memory,
 * one bucket per user id). Platform-agnostic: adapters decide how to tell the user.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** The outcome of one request against a user's budget. */
export type RateDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** When the user may ask again. */
      retryAfterMs: number;
      /** True for the first refused request of a window: the one worth telling the user about. */
      firstRefusal: boolean;
    };

/** `perMinute` requests per user per rolling minute. */
export class UserRateLimit {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new RangeError(`UserRateLimit: perMinute must be a whole number ≥ 1 (got ${perMinute}); set RATE_LIMIT_PER_MINUTE.`);
    }
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Takes one request from `userId`'s budget. */
  async take(userId: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(userId);
      return { allowed: true };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return { allowed: false, retryAfterMs: err.msBeforeNext, firstRefusal: err.consumedPoints === this.perMinute + 1 };
    }
  }
}

/** The friendly, private line a rate-limited user gets. */
export function rateLimitMessage(retryAfterMs: number, perMinute?: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const pace = perMinute === undefined ? '' : ` (${perMinute} a minute)`;
  return `You're asking faster than I can keep up with${pace}. Please try again in about ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
