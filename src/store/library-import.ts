/**
 * The one-time move of a deployment's earlier state into the library's database: articles added
 * from chat that were written into the content folder (their front matter has `added_by`), and
 * the `.pilcrow-channels.json` bindings file. Each is moved aside once imported — the articles to
 * `.pilcrow-imported/` and the file to `.pilcrow-channels.json.imported` (dot names, which the
 * content loader skips) — so nothing is imported twice and nothing is deleted.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import matter from 'gray-matter';
import { articleFiles, articleId } from '../core/articles/content.js';
import type { CoreLogger } from '../core/types.js';
import type { SqlLibrary } from './library.js';

/** The bindings file the file store kept beside the articles. */
export const LEGACY_CHANNELS_FILE = '.pilcrow-channels.json';
/** Where imported article files are moved, inside the content folder. */
export const IMPORTED_DIR = '.pilcrow-imported';

/** What one import did. */
export interface ImportResult {
  /** Article ids stored in the database. */
  articles: string[];
  /** Article files whose id the database already held (moved aside, the stored one kept). */
  skipped: string[];
  /** Channels whose settings were imported. */
  channels: number;
}

/**
 * Imports what `contentDir` holds from before the database, and moves it aside.
 * A file that cannot be moved (a read-only folder) stays and is served as bundled; that is logged.
 */
export async function importLegacyState(library: SqlLibrary, contentDir: string, logger: CoreLogger): Promise<ImportResult> {
  const result: ImportResult = { articles: [], skipped: [], channels: 0 };
  let files: string[] = [];
  try {
    files = articleFiles(contentDir);
  } catch {
    // A missing or empty folder: start-up reports it when it loads the bundled articles.
  }
  for (const file of files) {
    let text: string;
    let data: Record<string, unknown>;
    try {
      text = await readFile(file, 'utf8');
      data = matter(text).data as Record<string, unknown>;
    } catch {
      continue; // The loader reports a file it cannot read.
    }
    if (typeof data['added_by'] !== 'string') continue;
    const id = articleId(contentDir, file);
    const at = Date.parse(String(data['added_at'] instanceof Date ? data['added_at'].toISOString() : data['added_at']));
    const stored = await library.insert({ id, text, addedBy: data['added_by'].slice(0, 100), addedAt: Number.isFinite(at) ? at : Date.now() });
    (stored ? result.articles : result.skipped).push(id);
    await moveAside(file, join(contentDir, IMPORTED_DIR, `${id}.md`), logger);
  }
  const channelsFile = join(contentDir, LEGACY_CHANNELS_FILE);
  let raw: string | undefined;
  try {
    raw = await readFile(channelsFile, 'utf8');
  } catch {
    // No file: nothing to import.
  }
  if (raw !== undefined) {
    try {
      const parsed = JSON.parse(raw) as { articles?: Record<string, unknown>; follow?: Record<string, unknown> };
      const channels = new Set([...Object.keys(parsed.articles ?? {}), ...Object.keys(parsed.follow ?? {})]);
      for (const channel of channels) {
        const articleId = parsed.articles?.[channel];
        const follow = parsed.follow?.[channel];
        await library.channels.fillIn(channel, { ...(typeof articleId === 'string' ? { articleId } : {}), ...(typeof follow === 'boolean' ? { follow } : {}) });
      }
      result.channels = channels.size;
    } catch (err) {
      logger.warn(
        { event: 'channel_settings_import_failed', file: channelsFile, reason: (err as Error).message },
        'the old channel settings file could not be read; not imported',
      );
    }
    await moveAside(channelsFile, `${channelsFile}.imported`, logger);
  }
  if (result.articles.length + result.skipped.length + result.channels > 0) {
    logger.info({ event: 'library_imported', ...result }, 'imported the earlier added articles and channel settings into the database');
  }
  return result;
}

async function moveAside(from: string, to: string, logger: CoreLogger): Promise<void> {
  try {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  } catch (err) {
    // Another instance moved it first: fine. Anything else (read-only) is worth a line.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    logger.warn(
      { event: 'library_import_move_failed', file: from, reason: (err as Error).message },
      'imported, but could not move the file aside; it will be imported (skipped) again at the next start',
    );
  }
}
