/** Sentence splitting with offsets, on the platform's ICU segmenter. */

/** A sentence as a range of its paragraph (trimmed of surrounding white space). */
export interface SentenceSpan {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
// ICU splits after these; a sentence never ends on them.
const ABBREVIATIONS =
  'Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Gov|Sen|Rep|Rev|Hon|Capt|Col|Lt|Sgt|vs|etc|e\\.g|i\\.e|No|Nos|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z]';
const ABBREVIATION_END = new RegExp(`(?:^|[\\s(.])(?:${ABBREVIATIONS})\\.\\s*$`);
/**
 * The period of such an abbreviation followed by white space. ICU would split there and the
 * split be undone (ABBREVIATION_END), so the segmenter is shown a letter instead: no sentence
 * ends at a letter, and the rules ICU applies to the text after it look back no further than its
 * own sentence. Abbreviation-dense text ("Dr. Smith met Mr. Jones …") otherwise gives ICU a
 * segment every few words, each costing time in proportion to the window.
 */
const ABBREVIATION_DOT = new RegExp(`(?<=(?:^|[\\s(.])(?:${ABBREVIATIONS}))\\.(?=\\s)`, 'g');

/** `text` as the segmenter sees it: the same length, abbreviation periods masked. */
function masked(text: string): string {
  return text.replace(ABBREVIATION_DOT, 'x');
}

/**
 * V8's segmenter spends time proportional to the whole string on every sentence it yields, so a
 * long paragraph costs quadratic time (1 MB: ~48 s). Long texts are therefore segmented in
 * windows. A window's sentences are kept only up to the last boundary at least `MARGIN`
 * characters before its end, so ICU decided each kept boundary seeing the same text it would
 * see in the whole paragraph; the next window starts at that boundary (ICU restarts cleanly at
 * a boundary). A window without such a boundary (one very long sentence) is doubled.
 */
const WINDOW = 16_384;
const MARGIN = 1_024;

/** The segmenter's sentence segments of `text`, with offsets into `text`, in order. */
function* sentenceSegments(text: string): Generator<{ index: number; segment: string }> {
  let pos = 0;
  let size = WINDOW;
  while (pos < text.length) {
    // Segments are read back from `text` by offset: the segmenter sees the masked copy.
    if (pos + size >= text.length) {
      for (const seg of segmenter.segment(masked(pos === 0 ? text : text.slice(pos)))) {
        yield { index: pos + seg.index, segment: text.slice(pos + seg.index, pos + seg.index + seg.segment.length) };
      }
      return;
    }
    const kept: Array<{ index: number; length: number }> = [];
    for (const seg of segmenter.segment(masked(text.slice(pos, pos + size)))) {
      if (seg.index + seg.segment.length > size - MARGIN) break;
      // Copied out: a segment object V8 hands out is costly to keep (holding them made
      // abbreviation-dense text ~30× slower, nearly all of it in garbage collection).
      kept.push({ index: seg.index, length: seg.segment.length });
    }
    if (kept.length === 0) {
      size *= 2;
      continue;
    }
    for (const seg of kept) yield { index: pos + seg.index, segment: text.slice(pos + seg.index, pos + seg.index + seg.length) };
    const last = kept[kept.length - 1]!;
    pos += last.index + last.length;
    size = WINDOW;
  }
}

/** Splits a paragraph into sentences; the spans cover every non-blank character in order. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let pendingStart = -1;
  const textEnd = text.trimEnd().length;
  for (const seg of sentenceSegments(text)) {
    const lead = seg.segment.length - seg.segment.trimStart().length;
    const body = seg.segment.trim();
    if (body === '') continue;
    const start = seg.index + lead;
    const end = start + body.length;
    const from = pendingStart >= 0 ? pendingStart : start;
    if (ABBREVIATION_END.test(body) && end < textEnd) {
      pendingStart = from;
      continue;
    }
    pendingStart = -1;
    spans.push({ start: from, end });
  }
  if (pendingStart >= 0) spans.push({ start: pendingStart, end: textEnd });
  return spans;
}
