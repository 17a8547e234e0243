/**
 * Opens the question log's database: SQLite (a file, the embedded default) or PostgreSQL
 * (`DATABASE_URL`), behind one Kysely query layer, and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import type { LogDatabase } from './schema.js';

/** Where the log lives. */
export type LogLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

/** An open, migrated database. */
export interface OpenDatabase {
  db: Kysely<LogDatabase>;
  kind: LogLocation['kind'];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens and migrates the database at `location`.
 * @throws Error naming the setting to fix when the database cannot be opened or migrated.
 */
export async function openDatabase(location: LogLocation): Promise<OpenDatabase> {
  if (location.kind === 'sqlite') {
    mkdirSync(dirname(location.file), { recursive: true });
    const sqlite = new Database(location.file);
    // WAL: readers (the insights page) do not wait for the writer; busy_timeout rides out a
    // second process (the CSV export) holding the lock for a moment.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<LogDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db);
    return { db, kind: 'sqlite' };
  }
  const schema = location.schema ?? 'public';
  checkSchemaName(schema, 'question log');
  // The log is analytics, not a ledger: a commit need not wait for its WAL flush (a server crash
  // may lose the last fraction of a second of rows, never consistency), which makes a write ~10x cheaper.
  const pool = postgresPool(location.url, schema, { asyncCommit: true });
  const db = new Kysely<LogDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
    await migrate(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: 'postgres' };
}

/**
 * A pool for `url` whose every connection works in `schema` (so queries name no schema).
 * `asyncCommit`: commits do not wait for the WAL flush (for data that may lose its last moment).
 */
export function postgresPool(url: string, schema: string, options: { asyncCommit: boolean }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    // A database that does not answer must fail a write or a page, not hold them forever.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    options: `-c search_path=${schema}${options.asyncCommit ? ' -c synchronous_commit=off' : ''}`,
    // COUNT(*) and BIGINT times come back as strings by default; they fit a JS number.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // A client losing its connection must not crash the process, idle in the pool or checked out
  // between two queries of a transaction (the query in flight fails; the caller handles it).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Lower-case letters, digits and `_`: a schema name safe to put in `search_path` and identifiers. */
export function checkSchemaName(schema: string, what: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`${what}: schema name "${schema}" must be lower-case letters, digits and _.`);
}

async function migrate(db: Kysely<LogDatabase>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`question log: migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
