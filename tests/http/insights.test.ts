/**
 * The insights routes over real HTTP: no data without the token (Bearer or the login form's
 * HttpOnly cookie), the page and JSON with it, and the figures of a log filled through the core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightsHandler } from '../../src/http/insights.js';
import { startSeeded, TOKEN, type Seeded } from './seed.js';

let s: Seeded;
beforeAll(async () => {
  s = await startSeeded();
});
afterAll(async () => {
  await s?.close();
});

describe('insights access', () => {
  it('answers 401 with the login form and no data without a token', async () => {
    const res = await fetch(`${s.base}/insights`);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('name="token"');
    expect(html).not.toContain('Samsung');
    const json = await fetch(`${s.base}/insights.json`);
    expect(json.status).toBe(401);
    expect(await json.text()).not.toContain('Samsung');
  });

  it('refuses a wrong Bearer token and a forged cookie', async () => {
    const wrong = await fetch(`${s.base}/insights.json`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const forged = await fetch(`${s.base}/insights.json`, { headers: { cookie: `pilcrow_insights=${TOKEN}` } });
    expect(forged.status).toBe(401);
  });

  it('gives the JSON with the right Bearer token', async () => {
    const res = await fetch(`${s.base}/insights.json?days=7`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      periodDays: number;
      totals: { answered: number; notCovered: number; down: number; up: number };
      gaps: { terms: string; count: number }[];
      days: unknown[];
    };
    expect(body.periodDays).toBe(7);
    expect(body.days).toHaveLength(7);
    expect(body.totals).toMatchObject({ answered: 5, notCovered: 3 });
    expect(body.totals.down).toBeGreaterThan(0);
    expect(body.gaps[0]).toMatchObject({ terms: 'india', count: 2 });
  });

  it('signs in through the form: a wrong token stays out, the right one gets an HttpOnly cookie that opens the page', async () => {
    const bad = await fetch(`${s.base}/insights/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();

    const good = await fetch(`${s.base}/insights/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
    expect(good.status).toBe(303);
    const cookie = good.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const page = await fetch(`${s.base}/insights`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<svg id="chart"');
    expect(html).toContain('india');
  });

  it('leaves other paths to the server, and there is no page without a token', async () => {
    expect((await fetch(`${s.base}/healthz`)).status).toBe(404);
    expect(() => createInsightsHandler({ token: 'short', log: s.log, articles: [], retainDays: 30 })).toThrow(/16 characters/);
  });
});

describe('the insights server at start-up', () => {
  it('serves nothing without INSIGHTS_TOKEN, and the page on the health server routes with it', async () => {
    const { loadConfig } = await import('../../src/runtime/config.js');
    const { insightsHandlerFor } = await import('../../src/http/insights-server.js');
    const { INSIGHTS_ROUTES } = await import('../../src/http/insights.js');
    const { RouteTable } = await import('../../src/http/routes.js');
    const { createHttpServer } = await import('../../src/http/server.js');
    const quiet = { info: () => {}, warn: () => {} };
    expect(insightsHandlerFor(loadConfig({ HEALTH_PORT: '1' }), s.bot, s.log, quiet)).toBeUndefined();

    const handler = insightsHandlerFor(loadConfig({ INSIGHTS_TOKEN: TOKEN }), s.bot, s.log, quiet)!;
    const routes = new RouteTable();
    for (const [method, path] of INSIGHTS_ROUTES) routes.add(method, path, async (req, res) => void (await handler(req, res)));
    const server = createHttpServer({ routes, port: 0, host: '127.0.0.1' });
    const port = await server.start();
    try {
      expect((await fetch(`http://127.0.0.1:${port}/insights.json`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/insights.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/insights/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
      expect(login.status).toBe(303);
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('rejects a short INSIGHTS_TOKEN at start-up with one line', async () => {
    const { loadConfig } = await import('../../src/runtime/config.js');
    expect(() => loadConfig({ INSIGHTS_TOKEN: 'short' })).toThrow(/^Invalid configuration: INSIGHTS_TOKEN — expected at least 16 characters/);
    expect(() => loadConfig({ INSIGHTS_TOKEN: 'short' })).not.toThrow(/"short"/);
  });
});
