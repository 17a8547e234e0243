/**
 * `npm run bench:log`: what the question log costs per answer, in one run, interleaved so the
 * shared machine's noise falls on every variant alike. A benchmark: it prints, asserts nothing.
 *
 * For each variant (no log, SQLite, PostgreSQL when it answers):
 * - `handle`: the time the asker waits, answers back to back while the log writes in the
 *   background (its writes are queued and run between answers);
 * - `handle+write`: one answer plus writing its log row (awaiting the queue), i.e. the whole
 *   cost the log adds per answer, paid after the reply has gone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { quantile } from '../src/quality/evaluate.js';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { SqlQuestionLog } from '../src/store/sql/question-log.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env['ROUNDS'] ?? 12);

const questions = readFileSync(join(ROOT, '../shared/eval/article-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { question: string }).question);

interface Variant {
  name: string;
  bot: Pilcrow;
  log?: SqlQuestionLog;
  handle: number[];
  total: number[];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-'));
  const schema = `pilcrow_bench_${process.pid}`;
  const variants: Variant[] = [{ name: 'no log', bot: await Pilcrow.fromDirectory(join(ROOT, 'content')), handle: [], total: [] }];
  const sqlite = await SqlQuestionLog.open({ location: { kind: 'sqlite', file: join(dir, 'log.sqlite') }, pruneEveryMs: 0 });
  variants.push({ name: 'SQLite', bot: await Pilcrow.fromDirectory(join(ROOT, 'content'), { log: sqlite }), log: sqlite, handle: [], total: [] });
  let postgres: SqlQuestionLog | undefined;
  try {
    postgres = await SqlQuestionLog.open({ location: { kind: 'postgres', url: PG_URL, schema }, pruneEveryMs: 0 });
    variants.push({ name: 'PostgreSQL', bot: await Pilcrow.fromDirectory(join(ROOT, 'content'), { log: postgres }), log: postgres, handle: [], total: [] });
  } catch (error) {
    console.log(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
  }

  // One untimed pass each: JIT, caches, connections.
  for (const v of variants) for (const q of questions) await v.bot.handle({ conversationId: 'warm', userId: 'u', command: { kind: 'text', text: q } });
  for (const v of variants) await v.log?.flush();

  // Rounds of the whole question set per variant, the variants' order rotating every round, so
  // each meets the machine's noise alike. Two passes per block:
  // - `handle`: answers back to back while the log writes in the background, as in production;
  // - `handle+write`: each answer, then its write awaited: the whole cost the log adds.
  let i = 0;
  const request = (q: string) => ({ conversationId: `bench-${i++}`, userId: `user-${i % 50}`, command: { kind: 'text' as const, text: q } });
  for (let r = 0; r < ROUNDS; r++)
    for (const v of variants.map((_, k) => variants[(k + r) % variants.length]!)) {
      for (const q of questions) {
        const t0 = performance.now();
        await v.bot.handle(request(q));
        v.handle.push(performance.now() - t0);
      }
      await v.log?.flush();
      for (const q of questions) {
        const t0 = performance.now();
        await v.bot.handle(request(q));
        await v.log?.flush();
        v.total.push(performance.now() - t0);
      }
    }

  const f = (n: number) => n.toFixed(3).padStart(8);
  console.log(`${questions.length} development questions × ${ROUNDS} rounds, variants' order rotating; ms`);
  console.log(`${'variant'.padEnd(12)} ${'handle p50'.padStart(10)} ${'p99'.padStart(8)}   ${'handle+write p50'.padStart(16)} ${'p99'.padStart(8)}`);
  for (const v of variants) {
    console.log(
      `${v.name.padEnd(12)} ${f(quantile(v.handle, 0.5)).padStart(10)} ${f(quantile(v.handle, 0.99))}   ${f(quantile(v.total, 0.5)).padStart(16)} ${f(quantile(v.total, 0.99))}`,
    );
  }
  await sqlite.close();
  if (postgres) {
    await postgres.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
