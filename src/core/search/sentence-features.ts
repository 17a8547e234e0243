/** What the index keeps of each sentence besides its terms: names, quantities, reasons, times, and whether it stands alone. */
import type { Paragraph } from '../articles/content.js';
import { analyze } from '../text/analyzer.js';
import { standsAlone } from '../text/standalone.js';

/** A character a word can hold: letters, digits, apostrophes, and (to be safe) either half of a surrogate pair. */
export const WORD_CHARACTER = /[\p{L}\p{N}'’\uD800-\uDFFF]/u;

/** Whether a word could run across offset `at` of `text`: word characters on both sides. */
export function wordAcross(text: string, at: number): boolean {
  return at > 0 && at < text.length && WORD_CHARACTER.test(text[at - 1]!) && WORD_CHARACTER.test(text[at]!);
}

/** What the analysis of one sentence keeps. */
export type AnalyzedSentence = ReturnType<typeof analyzeSentence>;

/** The values of a unit's sentences, each once, in order: a lone sentence's (already distinct) as they are. */
export function distinctOf(parts: readonly AnalyzedSentence[], values: (x: AnalyzedSentence) => string[]): string[] {
  return parts.length === 1 ? values(parts[0]!) : [...new Set(parts.flatMap(values))];
}

/** One sentence's terms (with their offsets, two per term), the terms of its names, and whether it stands alone. */
export function analyzeSentence(text: string): {
  terms: string[];
  offsets: number[];
  words: string[];
  names: string[];
  quantities: string[];
  reasons: string[];
  times: string[];
  standsAlone: boolean;
} {
  const tokens = analyze(text);
  const out: string[] = [];
  const offsets: number[] = [];
  const words: string[] = [];
  const names = new Set<string>();
  const quantities = new Set<string>();
  const reasons = new Set<string>();
  const times = new Set<string>();
  tokens.forEach((t, i) => {
    if (REASON_WORDS.has(t.word)) reasons.add(t.word);
    if (t.term === null) return;
    out.push(t.term);
    offsets.push(t.start, t.end);
    words.push(t.word);
    if (/^\d/.test(t.word) || NUMBER_WORDS.has(t.word)) quantities.add(t.term);
    if (/^1\d{3}s?$|^20\d{2}s?$/.test(t.word) || TIME_WORDS.has(t.word)) times.add(t.term);
    // Names: capitalized words not opening a sentence, acronyms, numbers.
    if (/^[\p{Lu}\d]{2,}$/u.test(t.raw)) names.add(t.term);
    else if (i > 0 && /^\p{Lu}/u.test(t.raw) && !/[.!?]["'”’)]*\s+$/.test(text.slice(tokens[i - 1]!.end, t.start))) names.add(t.term);
  });
  return {
    terms: out,
    offsets,
    words,
    names: [...names],
    quantities: [...quantities],
    reasons: [...reasons],
    times: [...times],
    standsAlone: standsAlone(text),
  };
}

/** Words that give a reason or a purpose. */
const REASON_WORDS = new Set(
  `because since therefore thus hence consequently due owing thanks reason reasons cause causes caused result
  resulting so crucial essential necessary needs need order aim aims purpose`.split(/\s+/),
);

/** Words that place something in time, besides years. */
const TIME_WORDS = new Set(
  `january february march april may june july august september october november december century centuries
  decade decades bc ad bce ce`.split(/\s+/),
);

const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
  million millions billion billions trillion trillions dozen dozens half double twice triple percent
  first second third fourth fifth tenth`.split(/\s+/),
);

/**
 * The sentences of `paragraph` from offset `start` to `end` (the first and last sentence's index)
 * when the range is whole sentences with no word running across their edges; else undefined.
 */
export function wholeSentences(paragraph: Paragraph, start: number, end: number): { first: number; last: number } | undefined {
  const { text, sentences: spans } = paragraph;
  const first = spans.findIndex((s) => s.start === start);
  const last = spans.findIndex((s) => s.end === end);
  if (first < 0 || last < first) return undefined;
  for (let k = first; k <= last; k++) {
    if (wordAcross(text, spans[k]!.start) || wordAcross(text, spans[k]!.end)) return undefined;
    if (k < last && WORD_CHARACTER.test(text.slice(spans[k]!.end, spans[k + 1]!.start))) return undefined;
  }
  return { first, last };
}
