/** Plain text and Markdown files → a draft, and decoding bytes whose encoding may not be declared. */
import matter from 'gray-matter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { IngestError } from './errors.js';
import { isoDate, squash, type Block, type Draft } from './draft.js';

/**
 * Decodes `bytes`: with the declared charset when there is one, else UTF-8, else (bytes that are
 * not UTF-8) Windows-1252, the usual encoding of such files (a superset of Latin-1's letters).
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to detection.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Plain text: paragraphs are separated by blank lines; a short first paragraph is the title. */
export function textToDraft(text: string): Draft {
  const parts = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map(squash).filter(Boolean);
  let title: string | undefined;
  if (parts.length > 1 && parts[0]!.length <= 150 && !/[.!?]$/.test(parts[0]!)) title = parts.shift();
  return { ...(title ? { title } : {}), blocks: parts.map((text) => ({ kind: 'paragraph', text })) };
}

/** Markdown, with or without front matter: its details and its blocks (the first `#` heading is the title when none is given). */
export function markdownToDraft(text: string): Draft {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, {});
  } catch {
    throw new IngestError('bad_file', 'That Markdown file has front matter that is not valid YAML; fix the part between the --- lines.');
  }
  const data = parsed.data as Record<string, unknown>;
  const str = (k: string) => (typeof data[k] === 'string' && squash(data[k] as string)) || undefined;
  const blocks: Block[] = [];
  for (const node of fromMarkdown(parsed.content).children) {
    if (node.type === 'html' || node.type === 'definition' || node.type === 'thematicBreak') continue;
    const t = squash(toString(node));
    if (t) blocks.push({ kind: node.type === 'heading' ? 'heading' : 'paragraph', text: t });
  }
  let title = str('title');
  if (!title && blocks[0]?.kind === 'heading') title = blocks.shift()!.text;
  const published = data['published'] instanceof Date ? (data['published'] as Date).toISOString().slice(0, 10) : isoDate(str('published')) ?? str('published');
  const optional = { author: str('author'), source: str('source'), url: str('url'), published };
  return { ...(title ? { title } : {}), ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)), blocks };
}
