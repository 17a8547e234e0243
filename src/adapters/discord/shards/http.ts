/**
 * The supervisor's `HEALTH_PORT`: health, readiness and metrics for every shard in one place.
 *
 * - `GET /healthz`: 200 while the supervisor runs, with each shard's state, pid, restarts and last
 *   exit (a shard being restarted is the supervisor doing its job, not a dead supervisor).
 * - `GET /readyz`: 200 when every shard is connected and its own readiness (library, Redis,
 *   Discord) says ready; else 503. Each shard's report is asked over IPC when probed.
 * - `GET /metrics`: every shard's metrics with a `shard` label, plus the supervisor's own
 *   (`pilcrow_shard_up`, `pilcrow_shard_restarts_total`, and its process as `pilcrow_supervisor_*`).
 */
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { sendJson, type RouteTable } from '../../../http/routes.js';
import type { MetricsJson, ReadinessReport } from './status.js';
import type { ShardSupervisor } from './supervisor.js';

/** How long a probe waits for each shard's answer. */
const ASK_MS = 1_000;

/** Mounts the supervisor's `/healthz`, `/readyz` and `/metrics` on `routes`. */
export function addSupervisorRoutes(routes: RouteTable, supervisor: ShardSupervisor, draining: () => boolean): void {
  const started = Date.now();
  const own = supervisorRegistry(supervisor);
  routes.add('GET', '/healthz', (_req, res) => {
    sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000), shardCount: supervisor.count, shards: supervisor.status() });
  });
  routes.add('GET', '/readyz', async (_req, res) => {
    const shards: Record<
      string,
      { state: string; ready: boolean; checks?: ReadinessReport['checks']; degraded?: ReadinessReport['degraded']; error?: string }
    > = {};
    const replies = await Promise.all(
      supervisor.status().map(async (s) => ({ s, reply: s.state === 'ready' ? await supervisor.ask(s.id, ASK_MS) : undefined })),
    );
    for (const { s, reply } of replies) {
      if (!reply) {
        shards[s.id] = { state: s.state, ready: false, ...(s.state === 'ready' ? { error: 'did not answer' } : {}) };
        continue;
      }
      shards[s.id] = { state: s.state, ready: reply.readiness.ready, checks: reply.readiness.checks, degraded: reply.readiness.degraded };
    }
    const ready = !draining() && replies.length === supervisor.count && Object.values(shards).every((s) => s.ready);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ready, ...(draining() ? { shutdown: 'shutting down' } : {}), shards });
  });
  routes.add('GET', '/metrics', async (req, res) => {
    const replies = await Promise.all(supervisor.status().map((s) => supervisor.ask(s.id, ASK_MS)));
    const labelled = supervisor.status().flatMap((s, i) => (replies[i] ? [withShardLabel(replies[i].metrics, s.id)] : []));
    const merged = Registry.merge([own, AggregatorRegistry.aggregate(labelled)]);
    const body = await merged.metrics();
    res.writeHead(200, { 'content-type': merged.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/**
 * One shard's metrics with `shard="<id>"` on every value. Values of different shards then never
 * share a label set, so the aggregation below keeps each as it is (a sum of one).
 */
export function withShardLabel(metrics: MetricsJson, shard: number): MetricsJson {
  return metrics.map((m) => ({
    ...m,
    aggregator: 'sum',
    values: m.values.map((v) => ({ ...v, labels: { ...v.labels, shard: String(shard) } })),
  }));
}

/** The supervisor's own metrics: each shard's state and restarts, and its process. */
function supervisorRegistry(supervisor: ShardSupervisor): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pilcrow_supervisor_' });
  const up = new Gauge({
    name: 'pilcrow_shard_up',
    help: '1 while the shard process is running and connected to the Discord gateway, else 0 (read at scrape time).',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect: () => {
      for (const s of supervisor.status()) up.set({ shard: String(s.id) }, s.state === 'ready' ? 1 : 0);
    },
  });
  const restarts = new Counter({
    name: 'pilcrow_shard_restarts_total',
    help: 'Times the supervisor restarted each shard process after it died, since the supervisor started.',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect: () => {
      // The supervisor keeps the count; the counter shows it as it is at scrape time.
      restarts.reset();
      for (const s of supervisor.status()) restarts.inc({ shard: String(s.id) }, s.restarts);
    },
  });
  return registry;
}
