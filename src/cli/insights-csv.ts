/** The question log as CSV, for `npm run insights -- --csv`. */
import type { LogRow } from '../store/question-log.js';

/** Columns of the export, in order. `user` is the salted hash, never the platform's id. */
export const CSV_COLUMNS = ['time', 'platform', 'article', 'status', 'question', 'terms', 'missing', 'paragraphs', 'up', 'down', 'user'] as const;

/** One CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as CSV text with a header line (RFC 4180 line ends). */
export function toCsv(rows: readonly LogRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.at.toISOString(), r.platform, r.article, r.status, r.question, r.terms, r.missing, r.paragraphs.join(' '), r.up, r.down, r.user]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
