/**
 * The per-user rate limit every chat adapter applies, kept by rate-limiter-flexible (in memory by
 * default, one bucket per user id; a shared Redis limiter can be passed in so several processes
 * count one budget). Platform-agnostic: adapters decide how to tell the user.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

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

/** Options of a user rate limit. */
export interface UserRateLimitOptions {
  /** The limiter keeping the counts: `perMinute` points per 60 s. Default: in memory. */
  limiter?: RateLimiterAbstract;
  /** Called for each refused request (a metric). */
  onRefused?: () => void;
}

/** `perMinute` requests per user per rolling minute. */
export class UserRateLimit {
  private readonly limiter: RateLimiterAbstract;
  private readonly onRefused: (() => void) | undefined;

  constructor(
    readonly perMinute: number,
    options: UserRateLimitOptions = {},
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new RangeError(`UserRateLimit: perMinute must be a whole number ≥ 1 (got ${perMinute}); set RATE_LIMIT_PER_MINUTE.`);
    }
    this.limiter = options.limiter ?? new RateLimiterMemory({ points: perMinute, duration: 60 });
    this.onRefused = options.onRefused;
  }

  /** Takes one request from `userId`'s budget. */
  async take(userId: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(userId);
      return { allowed: true };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      this.onRefused?.();
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
