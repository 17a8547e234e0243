/**
 * Turning a link, a chat attachment or (terminal only) a local file into an article in the
 * content folder: fetch safely, extract the text (web page, PDF, Markdown, plain text), write
 * Markdown with front matter. The core calls this through its `ArticleLoader` option.
 */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, resolve } from 'node:path';
import type { ArticleLoader } from '../core/bot/options.js';
import type { ArticleSource } from '../core/types.js';
import type { Draft } from './draft.js';
import { IngestError } from './errors.js';
import { decodeText, markdownToDraft, textToDraft } from './extract-text.js';
import { formatBytes, safeFetch, type FetchLimits } from './safe-fetch.js';
import { storeArticle, writeArticle, type ArticleSink } from './write.js';

export { IngestError } from './errors.js';
export type { FetchLimits } from './safe-fetch.js';
export type { ArticleSink, StoredArticleText } from './write.js';

/** Options of the article loader. */
export interface IngestOptions {
  /** The content folder articles are written to, when there is no `sink`. */
  contentDir: string;
  /** Where articles are stored instead (the shared library's database). */
  sink?: ArticleSink;
  limits: FetchLimits;
  /** Clock for `added_at` (tests). Default: now. */
  now?: () => Date;
}

/** Defaults: 5 MB, 20 s, 5 redirects, public addresses only. */
export const DEFAULT_LIMITS: FetchLimits = { maxBytes: 5_000_000, timeoutMs: 20_000, maxRedirects: 5, allowPrivate: false };

type Kind = 'html' | 'pdf' | 'markdown' | 'text';

const BY_TYPE: Record<string, Kind> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};
const BY_EXTENSION: Record<string, Kind> = { '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.md': 'markdown', '.markdown': 'markdown', '.txt': 'text' };

/** The loader the core uses for `add`/`load`. */
export function createArticleLoader(options: IngestOptions): ArticleLoader {
  return async (source, addedBy, tenant) => {
    const draft = await draftOf(source, options.limits);
    const provenance = { addedBy: addedBy.slice(0, 100), addedAt: (options.now?.() ?? new Date()).toISOString(), ...(tenant === undefined ? {} : { tenant }) };
    return options.sink ? storeArticle(options.sink, draft, provenance) : writeArticle(options.contentDir, draft, provenance);
  };
}

/** Fetches or reads `source` and extracts its article (not yet written anywhere). */
export async function draftOf(source: ArticleSource, limits: FetchLimits): Promise<Draft> {
  if (source.kind === 'path') {
    // A shell would expand "~/…"; the terminal's `load` does the same.
    const path = resolve(source.path.replace(/^~(?=$|[\\/])/, homedir()));
    const ext = extname(path).toLowerCase();
    const kind = BY_EXTENSION[ext];
    if (!kind) throw new IngestError('unsupported_type', `I can add .md, .txt, .html and .pdf files, not "${ext || 'no extension'}".`);
    let size: number;
    try {
      const s = await stat(path);
      if (!s.isFile()) throw new Error('not a file');
      size = s.size;
    } catch {
      throw new IngestError('bad_file', `There is no file ${source.path}.`);
    }
    if (size > limits.maxBytes)
      throw new IngestError('too_large', `${source.path} is larger than ${formatBytes(limits.maxBytes)}, the most I add (MAX_ARTICLE_BYTES).`);
    return extract(kind, await readFile(path), undefined, undefined);
  }
  const fetched = await safeFetch(source.url, limits);
  const named = source.kind === 'attachment' ? source.name : new URL(fetched.url).pathname;
  const byName = BY_EXTENSION[extname(named).toLowerCase()];
  let kind = BY_TYPE[fetched.mediaType];
  // Servers label Markdown as text/plain, and files as application/octet-stream: the name decides.
  if ((kind === 'text' || fetched.mediaType === 'application/octet-stream' || fetched.mediaType === '') && byName) kind = byName;
  if (!kind) {
    throw new IngestError(
      'unsupported_type',
      `That link gives ${fetched.mediaType || 'an unlabelled file'}; I can add web pages, PDFs, Markdown and plain text.`,
    );
  }
  const draft = await extract(kind, fetched.body, fetched.charset, source.kind === 'link' ? fetched.url : undefined);
  return source.kind === 'link' ? { ...draft, url: draft.url ?? fetched.url } : draft;
}

async function extract(kind: Kind, bytes: Uint8Array, charset: string | undefined, url: string | undefined): Promise<Draft> {
  // PDF.js and the DOM are large: loaded on first use, so start-up stays quick.
  switch (kind) {
    case 'pdf':
      return (await import('./extract-pdf.js')).pdfToDraft(bytes);
    case 'html': {
      // Labelled text/html is not always a page: refuse empty and binary bodies plainly, and read
      // words with no markup at all as plain text.
      if (bytes.subarray(0, 4096).includes(0)) throw new IngestError('no_text', 'That is not a web page: it is labelled as HTML but holds binary data.');
      if (!/\S/.test(new TextDecoder('latin1').decode(bytes))) throw new IngestError('no_text', 'That page is empty: there is no text to add.');
      const text = decodeText(bytes, charset ?? metaCharset(bytes));
      if (!/<[a-z!?/]/i.test(text)) return textToDraft(text);
      return (await import('./extract-html.js')).htmlToDraft(text, url);
    }
    case 'markdown':
      return markdownToDraft(decodeText(bytes, charset));
    case 'text':
      return textToDraft(decodeText(bytes, charset));
  }
}

/** The charset a page declares in a `<meta>` near its start, when the HTTP header did not. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 2048));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
}
