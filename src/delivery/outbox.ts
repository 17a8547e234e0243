/**
 * Outgoing replies, one queue per destination (a channel, a thread, a response URL). A rate
 * limit delays only the destination it was reported for (and everything only when the platform
 * says the limit is global); failures that may pass (HTTP 5xx, a refused connection, a timeout)
 * are retried with growing, jittered waits until a deadline, not for a fixed count, so a short
 * outage loses nothing. Platform-neutral: each adapter says how to read its errors.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** What to do after a failed attempt, as the adapter reads the platform's error. */
export type RetryAdvice =
  | { retry: false }
  /** `afterMs`: the platform's Retry-After, when it gave one; `global`: the limit covers every destination. */
  | { retry: true; afterMs?: number; global?: boolean };

/** Default of REPLY_DEADLINE_MS: how long a reply is retried before it is given up. */
export const DEFAULT_REPLY_DEADLINE_MS = 120_000;

export interface OutboxOptions {
  /** How long after it was queued a message may still be sent (REPLY_DEADLINE_MS). */
  deadlineMs: number;
  /** Reads a failed attempt's error. */
  classify(error: unknown): RetryAdvice;
  /** First back-off wait; doubles per attempt up to `maxDelayMs`. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest back-off wait between two attempts. Default 10 s. */
  maxDelayMs?: number;
  /** Called before each wait, for logs and metrics. */
  onRetry?(info: { destination: string; attempt: number; waitMs: number; error: unknown; global: boolean }): void;
  /** The clock (ms). */
  now?: () => number;
}

/** Thrown when a message could not be sent before its deadline; `cause` is the last error. */
export class DeliveryDeadlineError extends Error {
  override name = 'DeliveryDeadlineError';
}

/** Counters of an outbox, for metrics. */
export interface OutboxStats {
  /** Messages queued or being sent. */
  pending: number;
  sent: number;
  /** Messages given up on (deadline passed, or an error that retrying cannot fix). */
  failed: number;
  retries: number;
}

/** Per-destination queues with deadline-bounded retries. */
export class Outbox {
  private readonly tails = new Map<string, Promise<unknown>>();
  private globalUntil = 0;
  private readonly counts = { pending: 0, sent: 0, failed: 0, retries: 0 };
  private readonly now: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
  }

  get stats(): OutboxStats {
    return { ...this.counts };
  }

  /**
   * Sends `attempt` to `destination` after the messages queued there before it, retrying as
   * `classify` advises until the deadline. Resolves with the attempt's result.
   * @throws the attempt's error when it cannot be retried; DeliveryDeadlineError when time ran out.
   */
  send<T>(destination: string, attempt: () => Promise<T>): Promise<T> {
    const deadline = this.now() + this.options.deadlineMs;
    this.counts.pending += 1;
    const previous = this.tails.get(destination) ?? Promise.resolve();
    const result = previous.then(() => this.run(destination, attempt, deadline));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(destination, tail);
    void tail.then(() => {
      this.counts.pending -= 1;
      // The queue of an idle destination is forgotten, so the map stays as small as the traffic.
      if (this.tails.get(destination) === tail) this.tails.delete(destination);
    });
    return result;
  }

  private async run<T>(destination: string, attempt: () => Promise<T>, deadline: number): Promise<T> {
    const base = this.options.baseDelayMs ?? 250;
    const max = this.options.maxDelayMs ?? 10_000;
    for (let n = 1; ; n += 1) {
      const globalWait = this.globalUntil - this.now();
      if (globalWait > 0) await sleep(globalWait);
      try {
        const value = await attempt();
        this.counts.sent += 1;
        return value;
      } catch (error) {
        const advice = this.options.classify(error);
        if (!advice.retry) {
          this.counts.failed += 1;
          throw error;
        }
        const backoff = Math.min(max, base * 2 ** (n - 1)) * (0.5 + Math.random() / 2);
        const waitMs = Math.ceil(Math.max(advice.afterMs ?? 0, backoff));
        if (this.now() + waitMs > deadline) {
          this.counts.failed += 1;
          throw new DeliveryDeadlineError(`gave up on ${destination} after ${n} attempt${n === 1 ? '' : 's'}: the reply deadline passed`, { cause: error });
        }
        if (advice.global && advice.afterMs) this.globalUntil = Math.max(this.globalUntil, this.now() + advice.afterMs);
        this.counts.retries += 1;
        this.options.onRetry?.({ destination, attempt: n, waitMs, error, global: advice.global === true });
        await sleep(waitMs);
      }
    }
  }
}
