/**
 * Live reload: the content folder is watched, and a change (a file added, edited or removed) is
 * loaded into the running bot within a second or so, without a restart. A file that no longer
 * parses is reported in the log and its previous good version kept. The files are read and parsed
 * in a worker thread (read-articles.ts), so a large article does not stall the process meanwhile;
 * only the swap into the running bot (building its index) happens on the main thread.
 */
import { watch, type FSWatcher } from 'node:fs';
import { articleFiles, articleId, type Article } from '../core/articles/content.js';
import type { CoreLogger } from '../core/types.js';
import { readArticles, readArticlesOffThread, type ReadOutcome } from './read-articles.js';

/** The bot's side of reloading: what it holds, and replacing it. */
export interface Reloadable {
  readonly library: { readonly articles: readonly Article[] };
  setArticles(articles: readonly Article[]): void;
}

/** Options of the watcher. */
export interface WatchOptions {
  logger: CoreLogger;
  /** Quiet time after the last change before reloading, in milliseconds. Default 300. */
  debounceMs?: number;
  /** Told after each reload (tests wait on it). */
  onReload?: (result: ReloadResult) => void;
  /** Read the files on the main thread instead of a worker. Default false. */
  sameThread?: boolean;
}

/** What one reload did. */
export interface ReloadResult {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files that failed to parse (their previous version, if any, kept). */
  failed: string[];
}

/** A running watcher. */
export interface ContentWatcher {
  /** Reloads now (also what a change triggers); a reload asked for during another runs after it. */
  reload(): Promise<ReloadResult>;
  close(): void;
}

/** Watches `dir` and reloads `bot` on changes. */
export function watchContent(dir: string, bot: Reloadable, options: WatchOptions): ContentWatcher {
  const { logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let offThread = options.sameThread !== true;
  const read = async (files: string[]): Promise<ReadOutcome[]> => {
    if (offThread) {
      try {
        return await readArticlesOffThread(dir, files);
      } catch (err) {
        offThread = false;
        logger.warn({ event: 'content_worker_failed', err }, 'cannot read articles in a worker thread; reading them on the main thread');
      }
    }
    return readArticles(dir, files);
  };
  // One reload at a time, each reading the folder as it is when it starts.
  let queue: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<ReloadResult> => {
    const run = queue.then(async () => {
      const files = listFiles(dir, logger);
      const result = files === undefined ? failedFolder(dir) : applyReload(dir, bot, logger, await read(files));
      if (!closed) options.onReload?.(result);
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      // The bot's own temporary and settings files are dotfiles: not articles.
      if (name && name.split(/[\\/]/).some((part) => part.startsWith('.'))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        reload().catch((err: unknown) =>
          logger.warn({ event: 'content_reload_failed', err }, 'content reload failed; the articles already loaded keep serving'),
        );
      }, options.debounceMs ?? 300);
    });
    watcher.on('error', (err) => logger.warn({ event: 'content_watch_failed', err }, 'watching the content folder failed; restart to pick up changes'));
  } catch (err) {
    logger.warn({ event: 'content_watch_failed', err }, 'cannot watch the content folder; restart to pick up changes');
  }
  return {
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}

/**
 * Reads `dir` again and gives `bot` the result: changed files re-parsed, bad ones logged with
 * their previous version kept, removed ones dropped (never the last one: a library is never empty).
 */
export function reloadContent(dir: string, bot: Reloadable, logger: CoreLogger): ReloadResult {
  const files = listFiles(dir, logger);
  return files === undefined ? failedFolder(dir) : applyReload(dir, bot, logger, readArticles(dir, files));
}

/** The folder's article files, or undefined (logged) when the folder is unusable. */
function listFiles(dir: string, logger: CoreLogger): string[] | undefined {
  try {
    return articleFiles(dir);
  } catch (err) {
    logger.warn({ event: 'content_reload_failed', reason: (err as Error).message }, 'content folder unusable; keeping the articles loaded');
    return undefined;
  }
}

function failedFolder(dir: string): ReloadResult {
  return { added: [], changed: [], removed: [], failed: [dir] };
}

/** Gives `bot` the articles read (see `reloadContent`). */
function applyReload(dir: string, bot: Reloadable, logger: CoreLogger, outcomes: readonly ReadOutcome[]): ReloadResult {
  const previous = new Map(bot.library.articles.map((a) => [a.info.id, a]));
  const result: ReloadResult = { added: [], changed: [], removed: [], failed: [] };
  const next: Article[] = [];
  for (const outcome of outcomes) {
    const { file } = outcome;
    const id = articleId(dir, file);
    if ('article' in outcome) {
      const article = outcome.article;
      const old = previous.get(id);
      if (!old) result.added.push(id);
      else if (!sameArticle(old, article)) result.changed.push(id);
      next.push(old && sameArticle(old, article) ? old : article);
    } else {
      result.failed.push(id);
      logger.warn({ event: 'content_file_invalid', file, reason: outcome.error }, 'article file invalid; its previous version is kept');
      const old = previous.get(id);
      if (old) next.push(old);
    }
  }
  const ids = new Set(next.map((a) => a.info.id));
  result.removed = [...previous.keys()].filter((id) => !ids.has(id));
  if (next.length === 0) {
    logger.warn({ event: 'content_reload_failed' }, 'no article left in the content folder; keeping the articles loaded');
    return result;
  }
  if (result.added.length + result.changed.length + result.removed.length > 0) {
    // Articles already served keep their place; new ones go after them, so conversations keep their context.
    const order = new Map(bot.library.articles.map((a, i) => [a.info.id, i]));
    const rank = (a: Article) => order.get(a.info.id) ?? order.size + next.indexOf(a);
    next.sort((a, b) => rank(a) - rank(b));
    bot.setArticles(next);
    logger.info({ event: 'content_reloaded', ...result }, 'content reloaded');
  }
  return result;
}

function sameArticle(a: Article, b: Article): boolean {
  return (
    JSON.stringify(a.info) === JSON.stringify(b.info) &&
    a.paragraphs.length === b.paragraphs.length &&
    a.paragraphs.every((p, i) => p.text === b.paragraphs[i]!.text && p.section === b.paragraphs[i]!.section)
  );
}
