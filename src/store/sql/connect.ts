/**
 * Opens the question log's database: SQLite (a file, the embedded default) or PostgreSQL
 * (`DATABASE_URL`), behind one Kysely query layer, and brings its schema up to date.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
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
 * Opens and migrates the question log's database at `location`.
 * @throws Error naming the setting to fix when the database cannot be opened or migrated.
 */
export async function openDatabase(location: LogLocation): Promise<OpenDatabase> {
  // The log is analytics, not a ledger: a commit need not wait for its WAL flush (a server crash
  // may lose the last fraction of a second of rows, never consistency), which makes a write ~10x cheaper.
  const { db, kind } = await openMigrated<LogDatabase>(location, { name: 'question log', provider: migrationProvider, asyncCommit: true });
  return { db, kind };
}

/** What a database is opened for: its name in messages, its migrations, how its commits are made. */
export interface DatabasePurpose {
  name: string;
  provider: MigrationProvider;
  /** Its own migration tables, when it shares a database with another purpose's migrations. */
  tables?: { migrationTableName: string; migrationLockTableName: string };
  /** PostgreSQL: commits do not wait for the WAL flush (for data that may lose its last moment). */
  asyncCommit: boolean;
}

/**
 * Opens `location` (SQLite, creating its folder, or PostgreSQL in its schema) and migrates it to
 * the latest of `purpose`'s migrations; the connection is closed again when that fails.
 * @throws Error naming the purpose and the failed migration.
 */
export async function openMigrated<DB>(
  location: LogLocation,
  purpose: DatabasePurpose,
): Promise<{ db: Kysely<DB>; kind: LogLocation['kind']; schema: string | undefined }> {
  let db: Kysely<DB>;
  let schema: string | undefined;
  if (location.kind === 'sqlite') {
    mkdirSync(dirname(location.file), { recursive: true });
    const sqlite = new Database(location.file);
    // WAL: readers do not wait for the writer; busy_timeout rides out a second process on the same
    // file (the CSV export, another instance on the host) holding the lock for a moment.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    schema = location.schema ?? 'public';
    checkSchemaName(schema, purpose.name);
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: postgresPool(location.url, schema, { asyncCommit: purpose.asyncCommit }) }) });
  }
  try {
    if (schema) await db.schema.createSchema(schema).ifNotExists().execute();
    const migrator = new Migrator({ db, provider: purpose.provider, ...purpose.tables, ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new Error(`${purpose.name}: migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind: location.kind, schema };
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
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
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
