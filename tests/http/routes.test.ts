/** The route table and server behind /healthz, /readyz, /metrics — and insights, mounted later. */
import { afterEach, describe, expect, it } from 'vitest';
import { addHealthRoutes, Readiness } from '../../src/http/health.js';
import { RouteTable, sendText } from '../../src/http/routes.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { Metrics } from '../../src/runtime/metrics.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(routes: RouteTable): Promise<string> {
  server = createHttpServer({ routes, port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${await server.start()}`;
}

describe('HTTP routes', () => {
  it('serve a route added after the server started, exact paths before prefixes, HEAD for GET', async () => {
    const routes = new RouteTable();
    const base = await serve(routes);
    expect((await fetch(`${base}/insights`)).status).toBe(404);
    routes.add('GET', '/insights/*', (_req, res, url) => sendText(res, 200, `prefix ${url.pathname}`));
    routes.add('GET', '/insights', (_req, res, url) => sendText(res, 200, `exact ${url.searchParams.get('days')}`));
    expect(await (await fetch(`${base}/insights?days=7`)).text()).toBe('exact 7');
    expect(await (await fetch(`${base}/insights/paragraphs/3`)).text()).toBe('prefix /insights/paragraphs/3');
    const head = await fetch(`${base}/insights`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answer 405 with Allow for a known path and another method, 404 for an unknown path', async () => {
    const routes = new RouteTable().add('GET', '/healthz', (_req, res) => sendText(res, 200, 'ok'));
    const base = await serve(routes);
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('turn a failing handler into a plain 500 without the error text, and log it', async () => {
    const logged: object[] = [];
    const routes = new RouteTable({ error: (fields) => void logged.push(fields) });
    routes.add('GET', '/boom', () => {
      throw new Error('secret internals');
    });
    const base = await serve(routes);
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret internals');
    expect(logged).toHaveLength(1);
  });

  it('refuse a second handler for the same method and path, and malformed paths', () => {
    const routes = new RouteTable().add('GET', '/a', () => {});
    expect(() => routes.add('GET', '/a', () => {})).toThrow(/already registered/);
    expect(() => routes.add('GET', 'a', () => {})).toThrow(/must start with/);
    expect(() => routes.add('GET', '/a*b', () => {})).toThrow(/final/);
  });
});

describe('health routes', () => {
  it('report ready only when every check passes, with degradations listed, and not ready while draining', async () => {
    const routes = new RouteTable();
    const readiness = new Readiness();
    let connected = false;
    readiness.require('library', () => true).require('slack', () => connected);
    let redis: string | undefined = 'redis unreachable';
    readiness.note('redis', () => redis);
    addHealthRoutes(routes, readiness, new Metrics({ defaultMetrics: false }));
    const base = await serve(routes);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, checks: { library: true, slack: 'not ready' }, degraded: { redis: 'redis unreachable' } });

    connected = true;
    redis = undefined;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, degraded: {} });

    readiness.drain();
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ checks: { shutdown: 'shutting down' } });
  });

  it('serve the metrics in Prometheus text format', async () => {
    const routes = new RouteTable();
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.answers.inc({ platform: 'slack', status: 'not_covered' });
    metrics.watchDiscordPing(() => 42);
    addHealthRoutes(routes, new Readiness(), metrics);
    const res = await fetch(`${await serve(routes)}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('pilcrow_answers_total{platform="slack",status="not_covered"} 1');
    expect(text).toContain('pilcrow_discord_gateway_ping_seconds 0.042');
  });

  it('stop with a keep-alive client connected', async () => {
    const routes = new RouteTable().add('GET', '/x', (_req, res) => sendText(res, 200, 'x'));
    const base = await serve(routes);
    await fetch(`${base}/x`, { headers: { connection: 'keep-alive' } });
    await server!.stop();
    server = undefined;
    await expect(fetch(`${base}/x`)).rejects.toThrow();
  });
});
