/**
 * A PDF → a draft, with PDF.js (through unpdf, no native code). A PDF has lines, not paragraphs:
 * a paragraph ends where the gap to the next line is clearly wider than the line spacing, and a
 * short line set larger than the body text is a heading. Hyphens at line ends are joined.
 */
import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { IngestError } from './errors.js';
import { squash, type Block, type Draft } from './draft.js';

interface Line {
  text: string;
  y: number;
  size: number;
}

/** A gap this many times the font size (or more) between two lines starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;
/** A line set this many times larger than the body text, and short, is a heading. */
const HEADING_SIZE = 1.2;

/**
 * Extracts the text of the PDF in `bytes`.
 * @throws IngestError `bad_file` when it is not a readable PDF (damaged, encrypted).
 */
export async function pdfToDraft(bytes: Uint8Array): Promise<Draft> {
  let pages: Awaited<ReturnType<typeof extractTextItems>>['items'];
  let info: Record<string, unknown> = {};
  try {
    // PDF.js takes ownership of the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    info = ((await getMeta(pdf)).info ?? {}) as Record<string, unknown>;
    pages = (await extractTextItems(pdf)).items;
    await pdf.destroy();
  } catch {
    throw new IngestError('bad_file', 'That PDF could not be read (damaged or password-protected).');
  }
  const lines: Line[][] = pages.map((items) => {
    const out: Line[] = [];
    let text = '';
    let y = 0;
    let size = 0;
    for (const item of items) {
      if (text === '') y = item.y;
      text += item.str;
      size = Math.max(size, item.fontSize);
      if (item.hasEOL) {
        if (squash(text)) out.push({ text: squash(text), y, size });
        text = '';
        size = 0;
      }
    }
    if (squash(text)) out.push({ text: squash(text), y, size });
    return out;
  });
  const sizes = lines
    .flat()
    .map((l) => l.size)
    .sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 12;
  const blocks: Block[] = [];
  let paragraph = '';
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', text: paragraph });
    paragraph = '';
  };
  for (const page of lines) {
    page.forEach((line, i) => {
      const prev = page[i - 1];
      if (line.size >= body * HEADING_SIZE && line.text.length <= 120) {
        flush();
        // A title wrapped over two lines is one heading: the line right below a heading line, as large.
        const last = blocks.at(-1);
        const wrapped =
          prev &&
          last?.kind === 'heading' &&
          prev.size >= body * HEADING_SIZE &&
          Math.abs(prev.size - line.size) < 0.5 &&
          Math.abs(prev.y - line.y) < PARAGRAPH_GAP * line.size;
        if (wrapped) last.text = `${last.text} ${line.text}`;
        else blocks.push({ kind: 'heading', text: line.text });
        return;
      }
      if (prev && Math.abs(prev.y - line.y) >= PARAGRAPH_GAP * Math.max(line.size, prev.size)) flush();
      paragraph = !paragraph
        ? line.text
        : /\p{L}-$/u.test(paragraph) && /^\p{Ll}/u.test(line.text)
          ? paragraph.slice(0, -1) + line.text
          : `${paragraph} ${line.text}`;
    });
    flush();
  }
  const metaTitle = typeof info['Title'] === 'string' ? squash(info['Title']) : '';
  let title = metaTitle || undefined;
  if (!title && blocks[0]?.kind === 'heading') title = blocks.shift()!.text;
  else if (title && blocks[0]?.kind === 'heading' && blocks[0].text.toLowerCase() === title.toLowerCase()) blocks.shift();
  const author = typeof info['Author'] === 'string' ? squash(info['Author']) : '';
  // No publication date: a PDF's CreationDate is when the file was made (often the day it was
  // printed or exported), not when the piece was published.
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), blocks };
}
