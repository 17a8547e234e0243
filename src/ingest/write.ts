/**
 * A draft → a Markdown file with front matter in the content folder, written so that nothing
 * half-written is ever there: the text goes to a hidden temporary file (the loader skips dotfiles),
 * is parsed back exactly as the loader will read it, and is then linked under its final name —
 * which fails rather than overwrite if that name was taken meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import { articleFiles, ContentError, parseArticle, readArticle, type Article } from '../core/articles/content.js';
import { IngestError } from './errors.js';
import type { Draft } from './draft.js';

/** Who added the article and when, recorded in its front matter. */
export interface Provenance {
  addedBy: string;
  /** ISO date-time. */
  addedAt: string;
  /** The tenant adding it (kept beside the text in the database, not in the front matter). */
  tenant?: string;
}

/** Longest article id made from a title. */
const MAX_ID = 60;

/** The Markdown file for `draft`: front matter, then one block per paragraph, headings as `##`. */
export function draftToMarkdown(draft: Draft, provenance: Provenance): string {
  const data: Record<string, string> = { title: draft.title! };
  if (draft.author) data['author'] = draft.author;
  if (draft.published) data['published'] = draft.published;
  if (draft.source) data['source'] = draft.source;
  if (draft.url) data['url'] = draft.url;
  data['added_by'] = provenance.addedBy;
  data['added_at'] = provenance.addedAt;
  const body = draft.blocks.map((b) => (b.kind === 'heading' ? `## ${escapeMarkdown(b.text)}` : escapeMarkdown(b.text))).join('\n\n');
  // js-yaml (through gray-matter) quotes whatever needs quoting in titles and names.
  return matter.stringify(`\n${body}\n`, data);
}

/**
 * Escapes what Markdown would read as markup, so the paragraph the loader reads back is the text
 * as extracted: emphasis, links, HTML, code, and line starts that open a heading, list or quote.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** An article id from a title: lower case words joined by `-`, at most 60 characters. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length <= MAX_ID ? slug : slug.slice(0, MAX_ID).replace(/-[^-]*$/, '');
  return cut || 'article';
}

/**
 * Writes `draft` into `dir` under a fresh id made from its title (`-2`, `-3`… when taken) and
 * returns the article as the loader reads it.
 * @throws IngestError `no_text` when the draft has no title or no paragraph.
 */
export async function writeArticle(dir: string, draft: Draft, provenance: Provenance, taken: ReadonlySet<string> = new Set()): Promise<Article> {
  if (!draft.blocks.some((b) => b.kind === 'paragraph')) {
    throw new IngestError('no_text', 'I found no article text there (is it a page of links, a scanned PDF, or behind a login?).');
  }
  const text = draftToMarkdown({ ...draft, title: draft.title || 'Untitled article' }, provenance);
  const base = slugOf(draft.title || 'article');
  // The same text loaded twice is stored once: the article already here is named instead.
  const same = sameTextIn(dir, checked(text, join(dir, `${base}.md`), base));
  if (same)
    throw new IngestError('duplicate', `That article is already here as ${same.info.id} (“${same.info.title}”). Say "use ${same.info.id}" to talk about it.`);
  const temp = join(dir, `.adding-${randomBytes(6).toString('hex')}.md.tmp`);
  await writeFile(temp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    const existing = new Set((await readdir(dir)).map((n) => n.replace(/\.md$/i, '').toLowerCase()));
    for (let n = 1; n < 1000; n += 1) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (existing.has(id) || taken.has(id)) continue;
      const file = join(dir, `${id}.md`);
      // Parsed exactly as the loader will: a draft it would refuse never reaches the folder.
      const article = checked(text, file, id);
      try {
        await placeExclusively(temp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      return article;
    }
    throw new IngestError('bad_file', `Too many articles are called ${base}; rename some.`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** An added article as it is stored: its id and the whole Markdown file. */
export interface StoredArticleText {
  id: string;
  text: string;
  addedBy: string;
  /** Milliseconds since the epoch. */
  addedAt: number;
  /** The tenant that added it: only its requests see it. */
  tenant?: string;
}

/** Where added articles are kept instead of the content folder (a database: `src/store/library.ts`). */
export interface ArticleSink {
  /**
   * Stores `record`; false when its id is taken (then the next free id is tried).
   * @throws UserFacingError when the record's tenant has reached a cap (articles, bytes).
   */
  insert(record: StoredArticleText): Promise<boolean>;
  /** The articles served now (bundled and added): their ids are taken, and the same text is refused. */
  existing(): readonly Article[];
}

/**
 * Stores `draft` in `sink` under a fresh id made from its title (`-2`, `-3`… when taken), after
 * parsing it exactly as it will be read back, and returns the article.
 * @throws IngestError `no_text` for a draft with no paragraph, `duplicate` for text already served.
 */
export async function storeArticle(sink: ArticleSink, draft: Draft, provenance: Provenance): Promise<Article> {
  if (!draft.blocks.some((b) => b.kind === 'paragraph')) {
    throw new IngestError('no_text', 'I found no article text there (is it a page of links, a scanned PDF, or behind a login?).');
  }
  const text = draftToMarkdown({ ...draft, title: draft.title || 'Untitled article' }, provenance);
  const base = slugOf(draft.title || 'article');
  const existing = sink.existing();
  const key = textKey(checked(text, `${base}.md`, base));
  // Only what this tenant sees counts as "already here": another tenant's copy is not named to it.
  const same = existing.find((a) => (a.tenant === undefined || a.tenant === provenance.tenant) && textKey(a) === key);
  if (same)
    throw new IngestError('duplicate', `That article is already here as ${same.info.id} (“${same.info.title}”). Say "use ${same.info.id}" to talk about it.`);
  // Ids are the deployment's, whoever added them: another tenant's id is skipped (`-2`), never shown.
  const taken = new Set(existing.map((a) => a.info.id.toLowerCase()));
  for (let n = 1; n < 1000; n += 1) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (taken.has(id)) continue;
    const article = checked(text, `${id}.md`, id);
    const tenant = provenance.tenant === undefined ? {} : { tenant: provenance.tenant };
    if (await sink.insert({ id, text, addedBy: provenance.addedBy, addedAt: Date.parse(provenance.addedAt), ...tenant })) return { ...article, ...tenant };
  }
  throw new IngestError('bad_file', `Too many articles are called ${base}; rename some.`);
}

/**
 * Puts `temp` at `file`, failing with EEXIST if `file` exists: a hard link (atomic), or where the
 * file system has none (some network and FAT mounts), an exclusive copy.
 */
async function placeExclusively(temp: string, file: string): Promise<void> {
  try {
    await link(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    await copyFile(temp, file, constants.COPYFILE_EXCL);
  }
}

/** An article of `dir` with the same paragraphs as `article` (same text, whatever its front matter), if any. */
function sameTextIn(dir: string, article: Article): Article | undefined {
  const key = textKey(article);
  let files: string[];
  try {
    files = articleFiles(dir);
  } catch {
    return undefined;
  }
  for (const file of files) {
    try {
      const other = readArticle(dir, file);
      if (textKey(other) === key) return other;
    } catch {
      // A file the loader refuses is reported by the loader; it cannot be the same article.
    }
  }
  return undefined;
}

/** The paragraphs' text, spacing folded: what makes two articles the same. */
function textKey(article: Article): string {
  return article.paragraphs.map((p) => p.text.replace(/\s+/g, ' ').trim()).join('\n');
}

function checked(text: string, file: string, id: string): Article {
  try {
    return parseArticle(text, file, id);
  } catch (err) {
    if (err instanceof ContentError)
      throw new IngestError('no_text', 'The text found there could not be made into an article (no paragraphs left after cleaning).');
    throw err;
  }
}
