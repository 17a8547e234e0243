/** Text normalization shared by indexing and querying. */

const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
const QUOTE_RE = /[\u2018\u2019\u201A\u201B\u2032`\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASH_RE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Folds curly quotes to straight ones, dashes to `-`, and removes diacritics. Keeps case. */
export function foldCharacters(text: string): string {
  return text
    .replace(QUOTE_RE, (c) => QUOTES[c] ?? c)
    .replace(DASH_RE, '-')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/**
 * Loose comparison form: folded characters, lower case, white space collapsed.
 * Used to compare quotes ("contains") regardless of typography.
 */
export function looseForm(text: string): string {
  return foldCharacters(text).toLowerCase().replace(/\s+/g, ' ').trim();
}
