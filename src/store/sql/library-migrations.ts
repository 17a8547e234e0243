/**
 * The shared library's tables (articles added from chat, channel settings) and their migrations,
 * for SQLite and PostgreSQL alike. They have their own migration table, so they can live in the
 * question log's database (PostgreSQL) without either list knowing the other. Never edit a
 * released migration: add the next one.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

/** One article added from chat: the whole Markdown file (front matter and text), as written. */
export interface AddedArticlesTable {
  id: string;
  text: string;
  added_by: string;
  /** Milliseconds since the epoch. */
  added_at: number;
  /** The tenant that added it (`slack:T…`, `discord:<guild>`); null: every tenant sees it (added before tenants). */
  tenant: string | null;
}

/** One channel's settings: its current article and its follow-mode choice (null: never chose). */
export interface ChannelSettingsTable {
  channel_id: string;
  article_id: string | null;
  /** 1 on, 0 off (an integer, the same on SQLite and PostgreSQL). */
  follow: number | null;
}

/** The whole library database. */
export interface LibraryDatabase {
  added_articles: AddedArticlesTable;
  channel_settings: ChannelSettingsTable;
}

/** Kysely's bookkeeping tables for this list, apart from the question log's. */
export const LIBRARY_MIGRATION_TABLES = { migrationTableName: 'pilcrow_library_migration', migrationLockTableName: 'pilcrow_library_migration_lock' } as const;

const migrations: Record<string, Migration> = {
  '2026-12-04-001-library': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('added_articles')
        .addColumn('id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('added_by', 'varchar(100)', (c) => c.notNull())
        .addColumn('added_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('channel_settings')
        .addColumn('channel_id', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('article_id', 'varchar(200)')
        .addColumn('follow', 'integer')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('channel_settings').execute();
      await db.schema.dropTable('added_articles').execute();
    },
  },
  '2026-12-05-001-tenants': {
    async up(db: Kysely<unknown>) {
      // Existing rows keep null: added before tenants, every tenant goes on seeing them.
      await db.schema.alterTable('added_articles').addColumn('tenant', 'varchar(200)').execute();
      await db.schema.createIndex('added_articles_tenant').on('added_articles').column('tenant').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('added_articles_tenant').execute();
      await db.schema.alterTable('added_articles').dropColumn('tenant').execute();
    },
  },
};

/** The migrations above, for Kysely's `Migrator`. */
export const libraryMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
