/**
 * Where the question-log tests run: a fresh SQLite file, and a fresh schema on the local
 * PostgreSQL (unique per run: other work uses the same server at the same time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { LogLocation } from '../../src/store/sql/connect.js';

export const POSTGRES_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers; else why not. In CI a missing server is a failure, not a skip. */
export async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const reason = `PostgreSQL at ${POSTGRES_URL} does not answer (${error instanceof Error ? error.message : String(error)})`;
    if (process.env['CI']) throw new Error(`${reason}; CI must run these tests.`);
    console.warn(`skipping PostgreSQL question-log tests: ${reason}`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A unique schema name for one test run. */
export function uniqueSchema(): string {
  return `pilcrow_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** A fresh SQLite location in a temporary folder, and how to remove it. */
export function sqliteLocation(): { location: LogLocation; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-log-'));
  return { location: { kind: 'sqlite', file: join(dir, 'log.sqlite') }, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
