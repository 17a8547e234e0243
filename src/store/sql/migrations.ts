/**
 * Migrations of the question log, in order. They are code (not files read at run time) so the
 * same list runs on SQLite and PostgreSQL and ships inside the build. Never edit a released
 * migration: add the next one.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '2026-11-28-001-question-log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('questions')
        .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('platform', 'varchar(20)', (c) => c.notNull())
        .addColumn('article', 'varchar(200)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('question', 'text')
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('missing', 'text', (c) => c.notNull())
        .addColumn('user_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('conversation_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('first_paragraph', 'integer')
        .addColumn('up', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('down', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('questions_article_at').on('questions').columns(['article', 'at']).execute();
      await db.schema.createIndex('questions_conversation_at').on('questions').columns(['conversation_hash', 'at']).execute();
      await db.schema.createIndex('questions_at').on('questions').column('at').execute();
      await db.schema
        .createTable('citations')
        .addColumn('question_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('article', 'varchar(200)', (c) => c.notNull())
        .addColumn('paragraph', 'integer', (c) => c.notNull())
        .addColumn('excerpt', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('citations_pk', ['question_id', 'position'])
        .execute();
      await db.schema.createIndex('citations_article_at').on('citations').columns(['article', 'at']).execute();
      await db.schema
        .createTable('pilcrow_meta')
        .addColumn('key', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('citations').execute();
      await db.schema.dropTable('questions').execute();
      await db.schema.dropTable('pilcrow_meta').execute();
    },
  },
  // Slack installations (many workspaces, OAuth): one row per workspace or Enterprise Grid org.
  // `sealed` holds the whole installation (bot token included) encrypted with SLACK_TOKEN_KEY; the
  // other columns are identifiers, never secrets. '' stands for "none" so the key has no NULLs.
  '2026-12-04-slack-installations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('slack_installations')
        .addColumn('enterprise_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('team_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('app_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('bot_user_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('installed_at', 'bigint', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('slack_installations_pk', ['enterprise_id', 'team_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('slack_installations').execute();
    },
  },
  // Tenants (a Slack workspace or Grid organization, a Discord server): whose question it was, so
  // the insights page shows one tenant's figures. Earlier rows stay null (no tenant recorded).
  '2026-12-05-001-question-tenants': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('questions').addColumn('tenant', 'varchar(200)').execute();
      await db.schema.createIndex('questions_tenant_at').on('questions').columns(['tenant', 'at']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('questions_tenant_at').execute();
      await db.schema.alterTable('questions').dropColumn('tenant').execute();
    },
  },
};

/** The migrations above, for Kysely's `Migrator`. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
