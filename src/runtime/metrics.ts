/**
 * The process's Prometheus metrics (prom-client), one registry per process. Adapters and stores
 * receive a `Metrics` and record into it; `GET /metrics` serves `registry.metrics()`.
 * Label values are bounded sets (platform, reply status, vote, store operation), never user input.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Bot, Feedback, Reply, Request } from '../core/types.js';

/** Answer latencies in seconds: the core answers in well under a millisecond; delivery takes longer. */
const ANSWER_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Slack wants its ack within 3 s. */
const ACK_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];

/** Every metric Pilcrow records. Create one per process (tests create their own). */
export class Metrics {
  readonly registry = new Registry();

  /** Replies by platform and status (`answered`, `not_covered`, `error`, and the command statuses). */
  readonly answers = new Counter({
    name: 'pilcrow_answers_total',
    help: 'Replies produced, by platform and status (answered, not_covered, error, help, quote, summary, search, about, invalid).',
    labelNames: ['platform', 'status'] as const,
    registers: [this.registry],
  });

  /** Time the core took per request, by platform. */
  readonly answerSeconds = new Histogram({
    name: 'pilcrow_answer_duration_seconds',
    help: 'Time to produce a reply (core, including conversation state reads and writes), by platform.',
    labelNames: ['platform'] as const,
    buckets: ANSWER_BUCKETS,
    registers: [this.registry],
  });

  readonly feedback = new Counter({
    name: 'pilcrow_feedback_total',
    help: 'Feedback votes on answers, by platform and vote (up, down).',
    labelNames: ['platform', 'vote'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'pilcrow_rate_limited_total',
    help: 'Requests refused by the per-user rate limit, by platform.',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly slackAckSeconds = new Histogram({
    name: 'pilcrow_slack_ack_duration_seconds',
    help: 'Time from Bolt receiving a Slack request to its acknowledgement.',
    buckets: ACK_BUCKETS,
    registers: [this.registry],
  });

  readonly storeErrors = new Counter({
    name: 'pilcrow_store_errors_total',
    help: 'Shared-state operations that failed (the answer went on without them), by store and operation.',
    labelNames: ['store', 'operation'] as const,
    registers: [this.registry],
  });

  readonly redisUp = new Gauge({
    name: 'pilcrow_redis_up',
    help: '1 while the Redis connection is ready, 0 while it is down (only present with REDIS_URL).',
    registers: [this.registry],
  });

  private discordPing: (() => number | undefined) | undefined;

  /** The Discord gateway heartbeat round trip, read when scraped. */
  readonly discordPingSeconds = new Gauge({
    name: 'pilcrow_discord_gateway_ping_seconds',
    help: 'Discord gateway heartbeat round trip (average over shards), read at scrape time.',
    registers: [this.registry],
    collect: () => {
      const ms = this.discordPing?.();
      if (ms !== undefined && ms >= 0) this.discordPingSeconds.set(ms / 1000);
    },
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    // Process metrics (CPU, memory, event-loop lag, handles): what an operator looks at first.
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'pilcrow_' });
  }

  /** Where the gateway ping comes from (the Discord client, once it runs). */
  watchDiscordPing(read: () => number | undefined): void {
    this.discordPing = read;
  }

  /** The registry in Prometheus text format, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The part of the core every adapter calls: answers and feedback. */
/**
 * `bot` with its answers (by status, with latency) and feedback counted under `platform`;
 * everything else passes through. Adapters stay unaware of metrics for these.
 */
export function meteredBot<B extends Pick<Bot, 'handle' | 'feedback'>>(bot: B, metrics: Metrics, platform: string): B {
  const handle = async (request: Request): Promise<Reply> => {
    const end = metrics.answerSeconds.startTimer({ platform });
    try {
      const reply = await bot.handle(request);
      metrics.answers.inc({ platform, status: reply.status });
      return reply;
    } catch (error) {
      metrics.answers.inc({ platform, status: 'error' });
      throw error;
    } finally {
      end();
    }
  };
  const feedback = (vote: Feedback): void => {
    metrics.feedback.inc({ platform, vote: vote.vote });
    bot.feedback(vote);
  };
  return new Proxy(bot, {
    get(target, property) {
      if (property === 'handle') return handle;
      if (property === 'feedback') return feedback;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
