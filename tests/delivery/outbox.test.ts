/** The outbox on its own: per-destination order, isolation of a rate-limited destination, deadlines. */
import { describe, expect, it } from 'vitest';
import { DeliveryDeadlineError, Outbox, type RetryAdvice } from '../../src/delivery/outbox.js';

class Limited extends Error {
  constructor(
    readonly afterMs: number,
    readonly global = false,
  ) {
    super('rate limited');
  }
}
const classify = (error: unknown): RetryAdvice =>
  error instanceof Limited
    ? { retry: true, afterMs: error.afterMs, global: error.global }
    : error instanceof Error && error.message === 'outage'
      ? { retry: true }
      : { retry: false };

describe('Outbox', () => {
  it('keeps order within a destination while another destination goes ahead of a rate-limited one', async () => {
    const outbox = new Outbox({ deadlineMs: 10_000, classify, baseDelayMs: 1 });
    const done: string[] = [];
    let limitedOnce = false;
    const a1 = outbox.send('A', async () => {
      if (!limitedOnce) {
        limitedOnce = true;
        throw new Limited(300);
      }
      done.push('A1');
    });
    const a2 = outbox.send('A', async () => void done.push('A2'));
    const b1 = outbox.send('B', async () => void done.push('B1'));
    await Promise.all([a1, a2, b1]);
    expect(done).toEqual(['B1', 'A1', 'A2']);
    expect(outbox.stats).toMatchObject({ pending: 0, sent: 3, retries: 1, failed: 0 });
  });

  it('retries an outage until it ends, and gives up at the deadline when it does not', async () => {
    const outbox = new Outbox({ deadlineMs: 300, classify, baseDelayMs: 5, maxDelayMs: 20 });
    let calls = 0;
    await outbox.send('A', async () => {
      calls += 1;
      if (calls < 4) throw new Error('outage');
    });
    expect(calls).toBe(4);
    const forever = outbox.send('A', async () => {
      throw new Error('outage');
    });
    await expect(forever).rejects.toBeInstanceOf(DeliveryDeadlineError);
    // An error retrying cannot fix is final at once.
    await expect(outbox.send('A', async () => Promise.reject(new Error('not_in_channel')))).rejects.toThrow('not_in_channel');
    expect(outbox.stats).toMatchObject({ pending: 0, failed: 2 });
  });
});
