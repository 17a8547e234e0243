/** Word tokens with their offsets in the original text. */

/** One word of the original text. `start`/`end` index the original string. */
export interface Token {
  raw: string;
  start: number;
  end: number;
}

// Letters and digits, with inner apostrophes (China’s, don't). Hyphens split words.
const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Splits `text` into word tokens, keeping offsets into `text`. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    out.push({ raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
