/**
 * Store outages lose nothing. With Redis gone, a thread started before the outage keeps its
 * context in the process that holds it (written through to memory). With the question log's
 * database gone, reports are spooled to a bounded file in DATA_DIR and written once it is back,
 * and `/readyz` names the database as degraded meanwhile. The database is cut with a TCP proxy on
 * 127.0.0.1 in front of the local PostgreSQL: a real outage, as a client sees it.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../src/core/bot/pilcrow.js';
import type { QuestionEvent } from '../../src/core/types.js';
import { addHealthRoutes, Readiness } from '../../src/http/health.js';
import { RouteTable } from '../../src/http/routes.js';
import { createHttpServer } from '../../src/http/server.js';
import { Metrics } from '../../src/runtime/metrics.js';
import { STATE_LIMITS, type StateStores } from '../../src/store/index.js';
import { redisStores } from '../../src/store/redis.js';
import { SqlQuestionLog } from '../../src/store/sql/question-log.js';
import { tempDir } from '../fixtures/isolated.js';
import { CONTENT_DIR } from '../helpers.js';
import { freePort } from '../runtime/spawn.js';
import { captureLogger } from '../adapters/slack/harness.js';
import { dropSchema, POSTGRES_URL, postgresUnavailable, uniqueSchema } from './databases.js';
import { redisServerBinary, startRedisServer } from './redis-env.js';

const binary = redisServerBinary();
const pgMissing = await postgresUnavailable();
const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await dropSchema(s);
});

async function waitUntil(probe: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP proxy on 127.0.0.1 to the local PostgreSQL that can be cut (refusing connections) and restored. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<CuttableProxy> {
    const proxy = new CuttableProxy(await freePort(), target);
    await proxy.restore();
    return proxy;
  }

  restore(): Promise<void> {
    if (this.server) return Promise.resolve();
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise((done) => server.listen(this.port, '127.0.0.1', () => done()));
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise((done) => server?.close(done) ?? done(undefined));
  }
}

function event(n: number): QuestionEvent {
  return {
    at: new Date(),
    conversationId: `slack:T:C:${n}`,
    userId: `U${n}`,
    articleId: 'chinese-tech-going-global',
    status: 'answered',
    question: `question ${n} during the outage`,
    terms: ['question'],
    missing: [],
    citations: [{ articleId: 'chinese-tech-going-global', paragraph: 1, excerpt: 'excerpt' }],
  };
}

describe('store outages', () => {
  it.skipIf(!binary && process.env['CI'] !== 'true')('with Redis gone, `more` in a thread started before the outage still has its context', async () => {
    if (!binary) throw new Error('redis-server is not installed: .ci/run installs it (apt-get install redis-server).');
    const port = await freePort();
    const server: ChildProcess = await startRedisServer(binary, port);
    const { logger } = captureLogger();
    let stores: StateStores | undefined;
    try {
      stores = await redisStores({ url: `redis://127.0.0.1:${port}`, prefix: 'outage-test:', logger, connectWaitMs: 3000 });
      const bot = await Pilcrow.fromDirectory(CONTENT_DIR, { store: stores.map('conversation', STATE_LIMITS.conversations) });
      const ask = (text: string) => bot.handle({ conversationId: 'thread-before-outage', userId: 'U', command: { kind: 'text', text } });
      expect((await ask('What did Samsung sign with YMTC?')).status).toBe('answered');

      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      await waitUntil(() => stores!.degraded() !== undefined);
      const more = await ask('more');
      // Without the context, `more` is refused as "Ask a question first" (status invalid).
      expect(more.status).toBe('answered');
      expect(more.citations.length).toBeGreaterThan(0);
    } finally {
      server.kill('SIGKILL');
      await stores?.close();
    }
  });

  describe.skipIf(pgMissing !== null)('the question log on PostgreSQL', () => {
    async function openThroughProxy(options: { maxSpoolBytes?: number } = {}) {
      const target = new URL(POSTGRES_URL);
      const proxy = await CuttableProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
      const schema = uniqueSchema();
      schemas.push(schema);
      const url = new URL(POSTGRES_URL);
      url.host = `127.0.0.1:${proxy.port}`;
      const dir = tempDir('spool');
      const { logger, lines } = captureLogger();
      const log = await SqlQuestionLog.open({
        location: { kind: 'postgres', url: url.toString(), schema },
        spoolFile: join(dir, 'question-log.spool.jsonl'),
        retryEveryMs: 200,
        pruneEveryMs: 0,
        logger,
        ...options,
      });
      const count = async () => {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        try {
          const { rows } = await client.query<{ n: string }>(`select count(*) as n from "${schema}".questions`);
          return Number(rows[0]!.n);
        } finally {
          await client.end();
        }
      };
      return { proxy, log, count, lines, spool: join(dir, 'question-log.spool.jsonl') };
    }

    it('spools reports while the database is away, reports it on /readyz, and writes them all once it is back', async () => {
      const { proxy, log, count, spool } = await openThroughProxy();
      const readiness = new Readiness().require('library', () => true).note('database', () => log.degraded());
      const routes = new RouteTable(captureLogger().logger);
      addHealthRoutes(routes, readiness, new Metrics());
      const http = createHttpServer({ routes, port: 0, host: '127.0.0.1' });
      const port = await http.start();
      const readyz = async () => (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { ready: boolean; degraded: Record<string, string> };
      try {
        log.question(event(0));
        await log.flush();
        expect(await count()).toBe(1);
        expect((await readyz()).degraded['database']).toBeUndefined();

        await proxy.cut();
        for (let n = 1; n <= 5; n++) log.question(event(n));
        await log.flush();
        expect(log.dropped).toBe(0);
        expect(log.spooled).toBe(5);
        expect(existsSync(spool)).toBe(true);
        const during = await readyz();
        expect(during.ready).toBe(true);
        expect(during.degraded['database']).toMatch(/question log database unreachable .*5 report\(s\) spooled/);
        log.question(event(6));
        await log.flush();
        expect(log.spooled).toBe(6);

        await proxy.restore();
        await waitUntil(() => log.spooled === 0 && log.degraded() === undefined);
        await log.flush();
        expect(await count()).toBe(7);
        expect(existsSync(spool)).toBe(false);
        expect((await readyz()).degraded['database']).toBeUndefined();
        expect(log.dropped).toBe(0);
      } finally {
        await http.stop();
        await proxy.restore().catch(() => undefined);
        await log.close();
      }
    });

    it('a full spool drops reports loudly: counted and logged, never silently', async () => {
      const { proxy, log, lines } = await openThroughProxy({ maxSpoolBytes: 600 });
      try {
        await proxy.cut();
        for (let n = 1; n <= 10; n++) log.question(event(n));
        await log.flush();
        expect(log.spooled + log.dropped).toBe(10);
        expect(log.dropped).toBeGreaterThan(0);
        expect(lines.some((l) => /the spool is full .*report\(s\) dropped/.test(String(l.msg)))).toBe(true);
      } finally {
        await proxy.restore();
        await waitUntil(() => log.spooled === 0);
        await log.close();
      }
    });
  });
});
