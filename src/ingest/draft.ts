/** An article on its way into `content/`: its details and its text as headings and paragraphs. */

/** One block of the body. */
export type Block = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string };

/** What extraction gives: the details found (any may be missing) and the blocks, in order. */
export interface Draft {
  title?: string;
  author?: string;
  /** `YYYY-MM-DD` when a date could be read, else as found. */
  published?: string;
  /** The publication: a site name, or the host. */
  source?: string;
  /** The link the article was fetched from. */
  url?: string;
  blocks: Block[];
}

/** White space collapsed to single spaces, trimmed. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** A date as `YYYY-MM-DD` when it parses, else undefined. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (m) return m[1];
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
