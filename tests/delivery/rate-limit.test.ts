import { describe, expect, it } from 'vitest';
import { rateLimitMessage, UserRateLimit } from '../../src/delivery/rate-limit.js';

describe('the per-user rate limit', () => {
  it('allows `perMinute` requests per user, then refuses, telling only the first refusal apart', async () => {
    const limit = new UserRateLimit(3);
    for (let i = 0; i < 3; i++) expect(await limit.take('ann')).toEqual({ allowed: true });
    const first = await limit.take('ann');
    expect(first).toMatchObject({ allowed: false, firstRefusal: true });
    expect(await limit.take('ann')).toMatchObject({ allowed: false, firstRefusal: false });
    // Another user has a budget of their own.
    expect(await limit.take('bob')).toEqual({ allowed: true });
    if (!first.allowed) expect(first.retryAfterMs).toBeGreaterThan(0);
  });

  it('rejects a limit that is not a whole number ≥ 1', () => {
    expect(() => new UserRateLimit(0)).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('words the refusal kindly, with the wait', () => {
    expect(rateLimitMessage(1500, 10)).toBe("You're asking faster than I can keep up with (10 a minute). Please try again in about 2 seconds.");
  });
});
