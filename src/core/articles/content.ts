/**
 * The article library: `content/*.md` files (YAML front matter + Markdown body) parsed into
 * articles, paragraphs and sentences. Bad content throws `ContentError` naming the file, the line
 * where known, and the fix.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';
import { z } from 'zod';
import { splitSentences, type SentenceSpan } from '../text/sentences.js';
import type { ArticleInfo } from '../types.js';

/** Bad content: the message names the file (and line) and says how to fix it. */
export class ContentError extends Error {
  override name = 'ContentError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** One paragraph: a body block that is not a heading. */
export interface Paragraph {
  /** 1-based. */
  number: number;
  text: string;
  /** The heading above it, if any. */
  section?: string;
  sentences: SentenceSpan[];
}

/** A parsed article. */
export interface Article {
  info: ArticleInfo;
  paragraphs: Paragraph[];
  /**
   * The tenant (a Slack workspace or Grid organization, a Discord server) that added the article
   * from chat: only its requests see it. Undefined: every tenant sees it (the bundled articles,
   * and articles added before tenants were recorded).
   */
  tenant?: string;
}

const dateLike = z.union([z.string().trim().min(1), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const FrontMatter = z.object({
  title: z.string({ message: 'is required: add `title: "…"` between the --- lines' }).trim().min(1, {
    message: 'must not be empty: give the article a title',
  }),
  source: z.string().trim().min(1).optional(),
  url: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  published: dateLike.optional(),
  author: z.string().trim().min(1).optional(),
  credit: z.string().trim().min(1).optional(),
});

/**
 * Parses one article file's text. `file` is used in error messages and gives the article id.
 * @throws ContentError for bad front matter, a missing title or an empty body.
 */
export function parseArticle(text: string, file: string, id = basename(file).replace(/\.(?:md|txt)$/i, '')): Article {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object: gray-matter caches results by content when called without one.
    parsed = matter(text, {});
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    const line = typeof mark?.line === 'number' ? mark.line + 2 : undefined;
    const reason = String((err as { reason?: string }).reason ?? 'invalid YAML');
    throw new ContentError(`${file}${line ? `:${line}` : ''}: the front matter is not valid YAML (${reason}). Fix the YAML between the --- lines.`, file, line);
  }
  if (!text.trimStart().startsWith('---')) {
    // Without front matter, as `load` takes them: a Markdown file's first line `# Title`, or a
    // text file's short first line, is the title; the rest is the body.
    const plain = /^\s*(?:#[ \t]+(.+?)[ \t#]*|([^\n#][^\n]{0,149}))\n[ \t]*\n/.exec(text);
    const title = plain?.[1] ?? (/\.txt$/i.test(file) && !/[.!?:]$/.test(plain?.[2]?.trim() ?? '.') ? plain?.[2]?.trim() : undefined);
    if (!plain || !title) {
      throw new ContentError(`${file}:1: no title. Start the file with a \`# Title\` line, or a --- block holding at least \`title: "…"\`.`, file, 1);
    }
    parsed = { ...parsed, data: { title }, content: text.slice(plain[0].length) };
  }
  const fm = FrontMatter.safeParse(parsed.data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    const field = String(issue.path[0] ?? 'front matter');
    throw new ContentError(`${file}:2: front matter field \`${field}\` ${issue.message}.`, file, 2);
  }
  // Lines before the body, so Markdown positions map back to file lines.
  const bodyOffsetLines = text.slice(0, text.length - parsed.content.length).split('\n').length - 1;
  const paragraphs = parseBody(parsed.content);
  if (paragraphs.length === 0) {
    throw new ContentError(
      `${file}:${bodyOffsetLines + 1}: the article body is empty. Add the article's paragraphs after the front matter, separated by blank lines.`,
      file,
      bodyOffsetLines + 1,
    );
  }
  const meta = fm.data;
  return {
    info: {
      id,
      title: meta.title,
      ...(meta.source ? { source: meta.source } : {}),
      ...(meta.url ? { url: meta.url } : {}),
      ...(meta.published ? { published: meta.published } : {}),
      ...(meta.author ? { author: meta.author } : {}),
      ...(meta.credit ? { credit: meta.credit } : {}),
      paragraphCount: paragraphs.length,
    },
    paragraphs,
  };
}

function parseBody(markdown: string): Paragraph[] {
  const tree = fromMarkdown(markdown);
  const out: Paragraph[] = [];
  let section: string | undefined;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      section = toString(node).trim() || undefined;
      continue;
    }
    if (node.type === 'definition' || node.type === 'thematicBreak' || node.type === 'yaml') continue;
    if (node.type === 'html') {
      // Markdown reads a block starting with a tag (`<div>…`, `<!channel> …`) as HTML. Markup
      // alone (a comment, `<br>`) is not a paragraph; a block with words is, so numbers never shift.
      const text = htmlBlockText(node.value);
      if (text) out.push({ number: out.length + 1, text, ...(section ? { section } : {}), sentences: splitSentences(text) });
      continue;
    }
    // A picture on its own is not a paragraph of the text.
    if (
      node.type === 'paragraph' &&
      node.children.every((c) => c.type === 'image' || c.type === 'imageReference' || (c.type === 'text' && c.value.trim() === ''))
    )
      continue;
    const text = blockText(node)
      .replace(/[ \t]*\n[ \t]*/g, node.type === 'code' ? '\n' : ' ')
      .trim();
    if (!text) continue;
    out.push({ number: out.length + 1, text, ...(section ? { section } : {}), sentences: splitSentences(text) });
  }
  return out;
}

/**
 * The words of an HTML block: comments and HTML element tags removed, anything else kept as
 * written (`<!channel>` is text to Pilcrow, not markup); empty when the block is only markup.
 */
export function htmlBlockText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Lists and quotes keep their items apart; everything else is its plain text.
function blockText(node: RootContent): string {
  if ((node.type === 'list' || node.type === 'blockquote') && 'children' in node) {
    return node.children
      .map((c) => toString(c).trim())
      .filter(Boolean)
      .join(' ');
  }
  return toString(node);
}

/**
 * Loads every `*.md` file of `dir` and its subfolders (sorted by path). The article id is the path
 * relative to `dir` without `.md` (`news/harbour`). Dotfiles, dot-folders and macOS `._*` files
 * are skipped: they are editor and file-system droppings, never articles.
 * @throws ContentError when the directory is missing or empty, or a file is malformed or not UTF-8.
 */
export function loadArticles(dir: string): Article[] {
  return articleFiles(dir).map((file) => readArticle(dir, file));
}

/**
 * The article files of `dir` (absolute paths, sorted).
 * @throws ContentError when `dir` is missing, is a file, or holds no article.
 */
export function articleFiles(dir: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ContentError(`${dir}: no such content directory. Create it and put an article in it as a .md file, or set CONTENT_DIR.`, dir);
  }
  if (!isDir) {
    throw new ContentError(
      `${dir}: is a file, not a folder. Point --content (or CONTENT_DIR) at the folder that holds the .md files, e.g. ${dirname(dir)}.`,
      dir,
    );
  }
  const files = walk(dir).sort();
  if (files.length === 0) {
    throw new ContentError(`${dir}: no articles. Add at least one .md file (front matter with a title, then the paragraphs).`, dir);
  }
  return files;
}

/**
 * Reads and parses one article file of the content folder `dir`.
 * @throws ContentError naming the file and line when it is not valid UTF-8 or malformed.
 */
export function readArticle(dir: string, file: string): Article {
  return parseArticle(decodeUtf8(readFileSync(file), file), file, articleId(dir, file));
}

/** The article id of `file` inside the content folder `dir`: its relative path without `.md`, with `/`. */
export function articleId(dir: string, file: string): string {
  return relative(dir, file)
    .split(sep)
    .join('/')
    .replace(/\.(?:md|txt)$/i, '');
}

/**
 * Decodes `bytes` as UTF-8, refusing anything else: a Latin-1 or Windows-1252 file would
 * otherwise load as "Caf\uFFFD cr\uFFFDme" and its excerpts would be quoted wrong.
 * @throws ContentError naming the file and the first line holding a byte that is not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = at < 0 ? 1 : text.slice(0, at).split('\n').length;
    throw new ContentError(
      `${file}:${line}: not UTF-8 text (it looks like Latin-1 or Windows-1252). Save the file as UTF-8, e.g. \`iconv -f latin1 -t utf-8\`.`,
      file,
      line,
    );
  }
}

/** Dotfiles and dot-folders (including macOS `._x.md` AppleDouble files) and `x.md~` backups. */
const SKIPPED = /^\.|~$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile() && /\.(?:md|txt)$/i.test(entry.name)) out.push(path);
  }
  return out;
}
