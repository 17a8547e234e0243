/**
 * The insights login under attack, over real HTTP on 127.0.0.1: wrong tokens are throttled per
 * client (429 with Retry-After; 1,000 guesses used to get 1,000 × 401), the session cookie is
 * Secure when the page is served over HTTPS, and a login posted from another site is refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createInsightsHandler, type InsightsOptions } from '../../src/http/insights.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import { sqliteLocation } from '../store/databases.js';

const TOKEN = 'test-insights-token-0123456789';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(options: Partial<InsightsOptions> = {}): Promise<string> {
  const where = sqliteLocation();
  const log = await SqlQuestionLog.open({ location: where.location, pruneEveryMs: 0 });
  const handler = createInsightsHandler({
    token: TOKEN,
    log,
    articles: [{ info: { id: 'a', title: 'A' } as never, paragraphs: [] }],
    retainDays: 30,
    ...options,
  });
  const server: Server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await log.close();
    where.remove();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const login = (base: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/insights/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers });

describe('insights login', () => {
  it(
    'throttles wrong tokens per client: 1,000 guesses get 10 × 401 then 429 with Retry-After; another client still signs in',
    { timeout: 60_000 },
    async () => {
      const base = await start({ trustProxy: true });
      const attacker = { 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      const started = Date.now();
      for (let round = 0; round < 50; round++) {
        const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => login(base, `guess-${round}-${i}`, attacker)));
        for (const r of replies) {
          statuses.push(r.status);
          if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
          await r.arrayBuffer();
        }
      }
      console.info(
        `1,000 wrong logins in ${Date.now() - started} ms: ${statuses.filter((s) => s === 401).length} × 401, ${statuses.filter((s) => s === 429).length} × 429`,
      );
      expect(statuses.filter((s) => s === 401)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(990);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // The right token from the throttled client waits too (else guessing would go on).
      expect((await login(base, TOKEN, attacker)).status).toBe(429);
      // Wrong Bearer tokens count and are refused the same way.
      expect((await fetch(`${base}/insights.json`, { headers: { ...attacker, authorization: 'Bearer guess' } })).status).toBe(429);
      // Another client is not locked out.
      expect((await login(base, TOKEN, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(303);
    },
  );

  it('without TRUST_PROXY, X-Forwarded-For does not let a guesser pose as many clients', async () => {
    const base = await start({ maxFailures: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(base, 'guess', { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('sets the cookie Secure when the page is served over HTTPS: an https INSIGHTS_URL, or X-Forwarded-Proto from a trusted proxy only', async () => {
    const cookieOf = async (base: string, headers: Record<string, string> = {}) => (await login(base, TOKEN, headers)).headers.get('set-cookie') ?? '';
    expect(await cookieOf(await start({ publicUrl: 'https://insights.example.org/insights' }))).toMatch(/; Secure/);
    expect(await cookieOf(await start({ trustProxy: true }), { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
    const plain = await cookieOf(await start(), { 'x-forwarded-proto': 'https' });
    expect(plain).toMatch(/HttpOnly; SameSite=Strict/);
    expect(plain).not.toMatch(/Secure/);
  });

  it('refuses a login or logout posted from another site (Origin or Sec-Fetch-Site), and accepts one from the page itself', async () => {
    const base = await start({ publicUrl: 'https://insights.example.org/insights' });
    const evil = await login(base, TOKEN, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('set-cookie')).toBeNull();
    expect((await login(base, TOKEN, { origin: 'null' })).status).toBe(403);
    expect((await login(base, TOKEN, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await login(base, TOKEN, { 'sec-fetch-site': 'same-site', origin: 'https://other.example.org' })).status).toBe(403);
    // Chromium posting the page's own form: Origin null (no referrer), Sec-Fetch-Site same-origin.
    expect((await login(base, TOKEN, { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    const logout = await fetch(`${base}/insights/logout`, { method: 'POST', redirect: 'manual', headers: { origin: 'https://evil.example' } });
    expect(logout.status).toBe(403);
    expect((await login(base, TOKEN, { origin: base })).status).toBe(303);
    expect((await login(base, TOKEN, { origin: 'https://insights.example.org' })).status).toBe(303);
    // A script with no Origin (curl) is not a cross-site form.
    expect((await login(base, TOKEN)).status).toBe(303);
  });
});
