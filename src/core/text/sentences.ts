/** Sentence splitting with offsets, on the platform's ICU segmenter. */

/** A sentence as a range of its paragraph (trimmed of surrounding white space). */
export interface SentenceSpan {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
// ICU splits after these; a sentence never ends on them.
const ABBREVIATION_END = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Gov|Sen|Rep|Rev|Hon|Capt|Col|Lt|Sgt|vs|etc|e\.g|i\.e|No|Nos|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.\s*$/;

/** Splits a paragraph into sentences; the spans cover every non-blank character in order. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let pendingStart = -1;
  for (const seg of segmenter.segment(text)) {
    const lead = seg.segment.length - seg.segment.trimStart().length;
    const body = seg.segment.trim();
    if (body === '') continue;
    const start = seg.index + lead;
    const end = start + body.length;
    const from = pendingStart >= 0 ? pendingStart : start;
    if (ABBREVIATION_END.test(body) && end < text.trimEnd().length) {
      pendingStart = from;
      continue;
    }
    pendingStart = -1;
    spans.push({ start: from, end });
  }
  if (pendingStart >= 0) spans.push({ start: pendingStart, end: text.trimEnd().length });
  return spans;
}
