/**
 * The shared library: articles added from chat (the whole Markdown file, front matter and text)
 * and each channel's settings (current article, follow mode), in a database — SQLite in DATA_DIR
 * by default, PostgreSQL with DATABASE_URL — so every instance of a deployment sees the same.
 * The bundled articles of the content folder are not here: they ship with the deployment.
 */
import { Kysely, sql } from 'kysely';
import type { ChannelSettingsStore } from '../core/ports.js';
import { openMigrated, type LogLocation } from './sql/connect.js';
import { LIBRARY_MIGRATION_TABLES, libraryMigrations, type LibraryDatabase } from './sql/library-migrations.js';

/** Where the library lives: the same shapes as the question log's location. */
export type LibraryLocation = LogLocation;

/** One article added from chat, as stored. */
export interface AddedArticleRecord {
  id: string;
  /** The Markdown file: front matter (title, source, added_by…) and paragraphs. */
  text: string;
  addedBy: string;
  /** Milliseconds since the epoch. */
  addedAt: number;
  /** The tenant that added it; undefined: every tenant sees it. */
  tenant?: string;
}

/** What a tenant's added articles take: how many, and their Markdown's UTF-8 bytes. */
export interface TenantUsage {
  articles: number;
  bytes: number;
}

/** Articles added from chat, kept where every instance reads them. */
export interface AddedArticleStore {
  /** Every added article, oldest first. */
  list(): Promise<AddedArticleRecord[]>;
  /** The ids of the added articles (a cheap check that nothing was missed). */
  ids(): Promise<string[]>;
  /** Stores `record` under its id; false (nothing written) when that id is taken. */
  insert(record: AddedArticleRecord): Promise<boolean>;
  /** Removes the added article `id`; false when there is none (a bundled id is never here). */
  remove(id: string): Promise<boolean>;
}

/** The library's database: added articles and channel settings. */
export class SqlLibrary implements AddedArticleStore {
  /** Channel settings in the same database. */
  readonly channels: SqlChannelSettings;

  private constructor(
    private readonly db: Kysely<LibraryDatabase>,
    readonly kind: LibraryLocation['kind'],
    /** The PostgreSQL schema (for naming the change channel); undefined on SQLite. */
    readonly schema: string | undefined,
  ) {
    this.channels = new SqlChannelSettings(db);
  }

  /**
   * Opens (creating and migrating as needed) the library at `location`.
   * @throws Error naming what failed when the database cannot be opened or migrated.
   */
  static async open(location: LibraryLocation): Promise<SqlLibrary> {
    // Added articles are not analytics: commits wait for the WAL flush.
    const { db, kind, schema } = await openMigrated<LibraryDatabase>(location, {
      name: 'library',
      provider: libraryMigrations,
      tables: LIBRARY_MIGRATION_TABLES,
      asyncCommit: false,
    });
    return new SqlLibrary(db, kind, schema);
  }

  async list(): Promise<AddedArticleRecord[]> {
    const rows = await this.db.selectFrom('added_articles').selectAll().orderBy('added_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, text: r.text, addedBy: r.added_by, addedAt: Number(r.added_at), ...(r.tenant === null ? {} : { tenant: r.tenant }) }));
  }

  async ids(): Promise<string[]> {
    return (await this.db.selectFrom('added_articles').select('id').execute()).map((r) => r.id);
  }

  async insert(record: AddedArticleRecord): Promise<boolean> {
    const result = await this.db
      .insertInto('added_articles')
      .values({ id: record.id, text: record.text, added_by: record.addedBy, added_at: record.addedAt, tenant: record.tenant ?? null })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('added_articles').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** How many articles `tenant` added and their bytes (for its caps). */
  async usage(tenant: string): Promise<TenantUsage> {
    // Bytes counted here, the same on SQLite and PostgreSQL; a tenant's texts are bounded by its cap.
    const rows = await this.db.selectFrom('added_articles').select('text').where('tenant', '=', tenant).execute();
    return { articles: rows.length, bytes: rows.reduce((sum, r) => sum + Buffer.byteLength(r.text), 0) };
  }

  /** PostgreSQL only: `pg_notify(channel, payload)`, delivered to listeners when it commits. */
  async notify(channel: string, payload: string): Promise<void> {
    if (this.kind !== 'postgres') throw new Error('library: notify needs PostgreSQL.');
    await sql`select pg_notify(${channel}, ${payload})`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Channel settings as rows: one per channel that chose an article or a follow mode. */
export class SqlChannelSettings implements ChannelSettingsStore {
  constructor(private readonly db: Kysely<LibraryDatabase>) {}

  /** The last value read or written per channel: what a read falls back to while the database is down. */
  private readonly known = new Map<string, { articleId?: string | null; follow?: number | null }>();
  private down = false;
  /** Told once when reads start failing, and once when they work again. */
  onOutage: (down: boolean, error?: unknown) => void = () => {};

  /** A line for `/readyz` while channel settings cannot be read; `undefined` while they can. */
  degraded(): string | undefined {
    return this.down ? 'library database unreachable: channel settings from memory, adding and removing articles fail until it is back' : undefined;
  }

  async getArticle(channelId: string): Promise<string | undefined> {
    const row = await this.read(channelId);
    return (row ? row.article_id : this.known.get(channelId)?.articleId) ?? undefined;
  }

  async setArticle(channelId: string, articleId: string): Promise<void> {
    await this.db
      .insertInto('channel_settings')
      .values({ channel_id: channelId, article_id: articleId, follow: null })
      .onConflict((oc) => oc.column('channel_id').doUpdateSet({ article_id: articleId }))
      .execute();
    this.known.set(channelId, { ...this.known.get(channelId), articleId });
  }

  async getFollow(channelId: string): Promise<boolean | undefined> {
    const row = await this.read(channelId);
    const follow = row ? row.follow : this.known.get(channelId)?.follow;
    return follow === null || follow === undefined ? undefined : follow === 1;
  }

  /**
   * The channel's row (`null` when it has none), or undefined when the database cannot be read:
   * then the last known value serves, so answering goes on through an outage.
   */
  private async read(channelId: string): Promise<{ article_id: string | null; follow: number | null } | null | undefined> {
    try {
      const row =
        (await this.db.selectFrom('channel_settings').select(['article_id', 'follow']).where('channel_id', '=', channelId).executeTakeFirst()) ?? null;
      if (this.down) {
        this.down = false;
        this.onOutage(false);
      }
      this.known.set(channelId, { articleId: row?.article_id ?? null, follow: row?.follow ?? null });
      return row;
    } catch (error) {
      if (!this.down) {
        this.down = true;
        this.onOutage(true, error);
      }
      return undefined;
    }
  }

  async setFollow(channelId: string, on: boolean): Promise<void> {
    const follow = on ? 1 : 0;
    await this.db
      .insertInto('channel_settings')
      .values({ channel_id: channelId, article_id: null, follow })
      .onConflict((oc) => oc.column('channel_id').doUpdateSet({ follow }))
      .execute();
    this.known.set(channelId, { ...this.known.get(channelId), follow });
  }

  /** Sets what is not set yet (the one-time import must not overwrite a newer choice). */
  async fillIn(channelId: string, settings: { articleId?: string; follow?: boolean }): Promise<void> {
    await this.db
      .insertInto('channel_settings')
      .values({ channel_id: channelId, article_id: settings.articleId ?? null, follow: settings.follow === undefined ? null : settings.follow ? 1 : 0 })
      .onConflict((oc) => oc.column('channel_id').doNothing())
      .execute();
  }
}
