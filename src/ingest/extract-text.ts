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
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    try {
      decoder = new TextDecoder(charset);
    } catch {
      // An unknown label: fall through to detection.
    }
    // latin1, iso-8859-1, ascii… all name windows-1252 (WHATWG Encoding), which Node 20 decodes wrongly.
    if (decoder) return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Windows-1252's 0x80–0x9F: curly quotes, dashes, the euro sign… (0 where the code page has no
 * character: those bytes stay C1 controls, as the WHATWG decoder leaves them).
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252. Node 20's TextDecoder reads it as Latin-1, turning “ ” – — into invisible
 * C1 controls (a page declaring `<meta charset="windows-1252">` lost its quotes and dashes).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b)));
  }
  return out;
}

/** Plain text: paragraphs are separated by blank lines; a short first paragraph is the title. */
export function textToDraft(text: string): Draft {
  const parts = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(squash)
    .filter(Boolean);
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
  const published =
    data['published'] instanceof Date ? (data['published'] as Date).toISOString().slice(0, 10) : (isoDate(str('published')) ?? str('published'));
  const optional = { author: str('author'), source: str('source'), url: str('url'), published };
  return { ...(title ? { title } : {}), ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v)), blocks };
}
