/**
 * Start-up of the shared library from the configuration: the database (SQLite `DATA_DIR/library.sqlite`
 * or PostgreSQL `DATABASE_URL`), the one-time import of a deployment's earlier files, the change
 * channel (Redis, else PostgreSQL, else none), and the functions the core and the loader receive.
 */
import { dirname, join } from 'node:path';
import { statSync } from 'node:fs';
import type { Config } from '../runtime/config.js';
import { articleFiles, ContentError, loadArticles, type Article } from '../core/articles/content.js';
import type { ArticleDeleter } from '../core/bot/options.js';
import type { ArticleSink } from '../ingest/write.js';
import { UserFacingError } from '../core/errors.js';
import { SqlLibrary, type LibraryLocation, type TenantUsage } from './library.js';
import { noLibraryEvents, postgresLibraryEvents, redisLibraryEvents, type LibraryEvents } from './library-events.js';
import { importLegacyState } from './library-import.js';
import { LibrarySync, type LibraryTarget } from './library-sync.js';
import type { StoreLogger } from './redis.js';

/** The shared library, open and listening. */
export interface SharedLibrary {
  store: SqlLibrary;
  sync: LibrarySync;
  events: LibraryEvents;
  /** Bundled and added articles, to build the bot with. */
  articles: Article[];
  /** For the article loader: stores an article and tells the other instances. */
  sink: ArticleSink;
  /** For the core's `remove`: deletes an added article and tells the other instances. */
  deleteArticle: ArticleDeleter;
  /** Gives the library's changes to `bot` from now on. */
  attach(bot: LibraryTarget): void;
  close(): Promise<void>;
}

/** Per-tenant limits on articles added from chat. */
export interface TenantCaps {
  /** Most articles one tenant may add. */
  maxArticles?: number;
  /** Most bytes (UTF-8, the stored Markdown) one tenant's added articles may take together. */
  maxBytes?: number;
}

/**
 * Throws the reply a tenant gets when adding `bytes` more would pass a cap. Checked before the
 * insert: two instances adding at the same moment may each pass the last free place (by one).
 */
export function refuseOverCap(caps: TenantCaps, used: TenantUsage, bytes: number): void {
  const remove = 'Remove one you no longer need ("remove <id>"; "list" shows them) before adding another.';
  if (caps.maxArticles !== undefined && used.articles >= caps.maxArticles) {
    throw new UserFacingError(`This team has reached its limit of ${caps.maxArticles} added article${caps.maxArticles === 1 ? '' : 's'}. ${remove}`);
  }
  if (caps.maxBytes !== undefined && used.bytes + bytes > caps.maxBytes) {
    throw new UserFacingError(
      `That article (${size(bytes)}) would take this team past its limit of ${size(caps.maxBytes)} of added articles (${size(used.bytes)} used). ${remove}`,
    );
  }
}

/** `bytes` for people: KB below a megabyte, else MB with one decimal. */
function size(bytes: number): string {
  return bytes < 1_000_000 ? `${Math.ceil(bytes / 1000)} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Where the configuration puts the library: beside the question log. */
export function libraryLocation(config: Config): LibraryLocation {
  return config.questionLog.databaseUrl
    ? { kind: 'postgres', url: config.questionLog.databaseUrl }
    : { kind: 'sqlite', file: join(dirname(config.questionLog.sqliteFile), 'library.sqlite') };
}

/**
 * Opens the library at `location`, imports `contentDir`'s earlier added articles and bindings
 * once, loads the bundled articles and listens for changes.
 * @throws ContentError when there is no article at all; Error when the database cannot be opened.
 */
export async function openSharedLibrary(options: {
  location: LibraryLocation;
  contentDir: string;
  redis?: { url: string; prefix: string };
  logger: StoreLogger;
  /** How often instances compare the stored ids with theirs, in case a message was lost. Default 30 s. */
  checkEveryMs?: number;
  /** What each tenant may add (`TENANT_MAX_ARTICLES`, `TENANT_MAX_BYTES`); unset: no limit. */
  caps?: TenantCaps;
}): Promise<SharedLibrary> {
  const { logger, contentDir } = options;
  const store = await SqlLibrary.open(options.location);
  store.channels.onOutage = (down, error) =>
    down
      ? logger.warn(
          { event: 'channel_settings_unavailable', err: error instanceof Error ? error.message : String(error) },
          "cannot read channel settings from the library's database; using the last known ones",
        )
      : logger.info({ event: 'channel_settings_back' }, 'channel settings readable again');
  try {
    await importLegacyState(store, contentDir, logger);
    const bundled = bundledArticles(contentDir);
    const sync = new LibrarySync(store, bundled.articles, logger);
    const articles = await sync.initial();
    if (articles.length === 0) throw bundled.error ?? new ContentError(`${contentDir}: no articles.`, contentDir);
    let target: LibraryTarget | undefined;
    // Set once the channel is open (a message may arrive while it opens).
    const self: { origin?: string } = {};
    const onChange = (change: { origin: string } | undefined) => {
      // This instance's own changes are in its library already.
      if (change && change.origin === self.origin) return;
      void sync.refresh();
    };
    const channel: LibraryEvents = options.redis
      ? await redisLibraryEvents({ url: options.redis.url, prefix: options.redis.prefix, onChange, logger })
      : store.kind === 'postgres' && options.location.kind === 'postgres'
        ? await postgresLibraryEvents({ url: options.location.url, schema: store.schema!, notify: (c, p) => store.notify(c, p), onChange, logger })
        : noLibraryEvents();
    self.origin = channel.origin;
    // With other instances to hear from, a cheap look at the ids now and then catches a lost message.
    const safetyNet =
      channel.kind === 'none'
        ? undefined
        : setInterval(
            () =>
              void sync
                .check()
                .catch((err: unknown) => logger.warn({ event: 'library_refresh_failed', err: String(err) }, 'could not check the added articles')),
            options.checkEveryMs ?? 30_000,
          );
    safetyNet?.unref();
    return {
      store,
      sync,
      events: channel,
      articles,
      sink: {
        existing: () => target?.library.articles ?? articles,
        async insert(record) {
          if (record.tenant !== undefined && options.caps) refuseOverCap(options.caps, await store.usage(record.tenant), Buffer.byteLength(record.text));
          if (!(await store.insert(record))) return false;
          sync.remember(record.id, record.text, record.tenant);
          await channel.publish({ op: 'added', id: record.id });
          return true;
        },
      },
      async deleteArticle(id) {
        if (sync.isBundled(id) || !(await store.remove(id))) return false;
        sync.forget(id);
        await channel.publish({ op: 'removed', id });
        return true;
      },
      attach(bot) {
        target = bot;
        sync.attach(bot);
        // Anything added or removed while the bot was being built.
        void sync.refresh();
      },
      async close() {
        clearInterval(safetyNet);
        await channel.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * The bundled and added articles as they are now, read once (no import, no listening): for tools
 * such as `npm run insights` that judge against the library without serving it.
 */
export async function readLibraryArticles(location: LibraryLocation, contentDir: string, logger: StoreLogger): Promise<Article[]> {
  const store = await SqlLibrary.open(location);
  try {
    return await new LibrarySync(store, bundledArticles(contentDir).articles, logger).initial();
  } finally {
    await store.close();
  }
}

/** The content folder's articles; an empty folder is no error here (the database may hold articles). */
function bundledArticles(dir: string): { articles: Article[]; error?: ContentError } {
  try {
    return { articles: loadArticles(dir) };
  } catch (err) {
    if (!(err instanceof ContentError) || !isEmptyFolder(dir)) throw err;
    return { articles: [], error: err };
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
  } catch {
    return false;
  }
  try {
    articleFiles(dir);
    return false;
  } catch {
    return true;
  }
}
