/**
 * `GET /healthz` (the process is alive and serving), `GET /readyz` (library loaded, every
 * configured platform connected, not shutting down) and `GET /metrics` (Prometheus text format).
 */
import type { Metrics } from '../runtime/metrics.js';
import { sendJson, type RouteTable } from './routes.js';

/** One thing readiness depends on: `true` when ready, or `false` / a reason when not. */
export type ReadinessCheck = () => boolean | string;

/**
 * What `/readyz` reports. Checks are added as parts start (the library, each adapter); `degraded`
 * notes (Redis down) are reported but do not make the process unready: answers keep flowing.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly notes = new Map<string, () => string | undefined>();
  private draining = false;

  /** Adds (or replaces) a named check. */
  require(name: string, check: ReadinessCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** Adds a named note: a string while something is degraded, `undefined` while it is fine. */
  note(name: string, read: () => string | undefined): this {
    this.notes.set(name, read);
    return this;
  }

  /** From now on the process is not ready: it is shutting down and takes no new work. */
  drain(): void {
    this.draining = true;
  }

  /** The current state: ready, each check's result, and any degradation notes. */
  report(): { ready: boolean; checks: Record<string, true | string>; degraded: Record<string, string> } {
    const checks: Record<string, true | string> = {};
    let ready = !this.draining && this.checks.size > 0;
    if (this.draining) checks['shutdown'] = 'shutting down';
    for (const [name, check] of this.checks) {
      let result: boolean | string;
      try {
        result = check();
      } catch {
        result = false;
      }
      checks[name] = result === true ? true : result === false ? 'not ready' : result;
      if (result !== true) ready = false;
    }
    const degraded: Record<string, string> = {};
    for (const [name, read] of this.notes) {
      const note = read();
      if (note !== undefined) degraded[name] = note;
    }
    return { ready, checks, degraded };
  }
}

/** Mounts `/healthz`, `/readyz` and `/metrics` on `routes`. */
export function addHealthRoutes(routes: RouteTable, readiness: Readiness, metrics: Metrics): void {
  const started = Date.now();
  routes.add('GET', '/healthz', (_req, res) => {
    sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
  });
  routes.add('GET', '/readyz', (_req, res) => {
    const report = readiness.report();
    sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', ...report });
  });
  routes.add('GET', '/metrics', async (req, res) => {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}
