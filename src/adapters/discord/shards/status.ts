/**
 * What a shard process tells its supervisor, over the IPC channel discord.js's ShardingManager
 * opens to each child: on request, its readiness (the same report as `/readyz`) and its metrics
 * (prom-client's JSON form), which the supervisor serves on its own HTTP port.
 *
 * discord.js uses the same channel for its own messages (`_ready`, `_eval`, …); ours carry a
 * `pilcrow` key, which discord.js passes through untouched (`Shard#message`).
 */
import type { Registry } from 'prom-client';
import type { Metrics } from '../../../runtime/metrics.js';
import type { Readiness } from '../../../http/health.js';

/** A shard's readiness report, as `/readyz` shows it. */
export type ReadinessReport = ReturnType<Readiness['report']>;

/** A shard's metrics, as `Registry#getMetricsAsJSON` returns them. */
export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** The supervisor asks a shard for its status. */
export interface StatusRequest {
  pilcrow: 'status?';
  nonce: number;
}

/** A shard's answer to a `StatusRequest` with the same nonce. */
export interface StatusReply {
  pilcrow: 'status';
  nonce: number;
  readiness: ReadinessReport;
  metrics: MetricsJson;
}

/** Whether an IPC message is a status request. */
export function isStatusRequest(message: unknown): message is StatusRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { pilcrow?: unknown }).pilcrow === 'status?' &&
    typeof (message as { nonce?: unknown }).nonce === 'number'
  );
}

/** Whether an IPC message is a status reply. */
export function isStatusReply(message: unknown): message is StatusReply {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { pilcrow?: unknown }).pilcrow === 'status' &&
    typeof (message as { nonce?: unknown }).nonce === 'number'
  );
}

/** The IPC side of a process (the real `process` in a shard). */
export interface ShardChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  send?: ((message: unknown, callback?: (error: Error | null) => void) => boolean) | undefined;
  connected?: boolean;
}

/**
 * In a shard process: answers the supervisor's status requests from `readiness` and `metrics`,
 * and calls `onSupervisorGone` once if the supervisor goes away (the IPC channel closes), so a
 * shard never outlives the supervisor that would restart it and serve its health.
 */
export function answerSupervisor(options: { readiness: Readiness; metrics: Metrics; onSupervisorGone: () => void; channel?: ShardChannel }): void {
  const channel = options.channel ?? (process as unknown as ShardChannel);
  channel.on('message', (message) => {
    if (!isStatusRequest(message)) return;
    void options.metrics.registry.getMetricsAsJSON().then((metrics) => {
      const reply: StatusReply = { pilcrow: 'status', nonce: message.nonce, readiness: options.readiness.report(), metrics };
      // The supervisor may be gone meanwhile; its disconnect is handled below.
      if (channel.connected !== false) channel.send?.(reply, () => undefined);
    });
  });
  channel.once('disconnect', options.onSupervisorGone);
}
