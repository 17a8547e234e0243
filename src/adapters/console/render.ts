/** Terminal rendering of a reply: citations as ¶N with the excerpts quoted, matched words bold. */
import { createColors } from 'picocolors';
import type { Citation, Reply } from '../../core/types.js';
import type { Insights } from '../../store/question-log.js';

/**
 * A reply worded for the terminal: the core speaks of "this channel", which here is this
 * terminal; help also names the commands only the terminal has.
 */
export function forTerminal(reply: Reply, options: { insights: boolean }): Reply {
  if (!reply.message) return reply;
  let message = reply.message
    .replace(/\bThis channel now discusses\b/g, 'Now discussing')
    .replace(/\bthis channel's\b/g, "this terminal's")
    .replace(/\bthis channel\b/g, 'this terminal');
  if (reply.status === 'help') {
    const extra = [
      '"load <link or file>" adds an article (.md, .txt, .html, .pdf)',
      ...(options.insights ? ['"insights" shows what was asked this week'] : []),
      '"exit" leaves',
    ];
    message += `\nIn this terminal: ${extra.join('; ')}.`;
  }
  return { ...reply, message };
}

/** Terminal line width the excerpts wrap to. */
const WIDTH = 88;

/**
 * A citation's link to the reader page (`PUBLIC_URL`); undefined for none. Injected by
 * `src/main.ts`, so the renderer never knows how links are made or signed.
 */
export type CitationLink = (citation: Citation) => string | undefined;

/**
 * Renders `reply` as terminal text; `color` turns ANSI styling on. With `link`, each excerpt is
 * followed by its reader link (terminals make a printed address clickable).
 */
export function renderReply(reply: Reply, color: boolean, link?: CitationLink): string {
  const c = createColors(color);
  const lines: string[] = [];
  for (const n of reply.notices) lines.push(c.yellow(`! ${n}`));
  if (reply.message) lines.push(reply.status === 'not_covered' || reply.status === 'invalid' ? c.yellow(reply.message) : reply.message);
  for (const citation of reply.citations) {
    const label = c.cyan(c.bold(citation.label));
    const section = citation.section ? c.dim(` (${citation.section})`) : '';
    const opening = citation.opening ? c.dim(` — ${citation.opening}`) : '';
    const role = citation.role ? c.dim(` · ${citation.role}`) : '';
    lines.push(`${label}${section}${role}${opening}`);
    lines.push(...wrap(`“${emphasize(citation, (s) => c.bold(s))}”`, WIDTH).map((l) => `  ${l}`));
    const url = link?.(citation);
    // Printed whole on its own line: a wrapped address would no longer be one link.
    if (url) lines.push(`  ${c.dim(c.underline(url))}`);
  }
  if (reply.examples?.length) lines.push(c.dim(`Try: ${reply.examples.map((e) => `"${e}"`).join(', ')}`));
  if (reply.hasMore) lines.push(c.dim('Say "more" for further excerpts.'));
  return lines.join('\n');
}

/** The excerpt with its highlight ranges passed through `mark`. */
export function emphasize(citation: Citation, mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const h of citation.highlights) {
    if (h.start < at) continue;
    out += citation.excerpt.slice(at, h.start) + mark(citation.excerpt.slice(h.start, h.end));
    at = h.end;
  }
  return out + citation.excerpt.slice(at);
}

// Wraps on spaces; ANSI codes count toward width, which only makes lines a little shorter.
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && visibleLength(line) + 1 + visibleLength(word) > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** The `insights` command's text: the period's figures, what was asked most, the content gaps, the page's address. */
export function renderInsights(i: Insights, pageUrl: string | undefined): string {
  const t = i.totals;
  const lines = [
    `Last ${Math.round((i.to.getTime() - i.from.getTime()) / 86_400_000)} days: ${t.questions} questions, ${t.answered} answered, ${t.notCovered} not covered; 👍 ${t.up} 👎 ${t.down}.`,
  ];
  if (i.mostAsked.length > 0) {
    lines.push('Most asked:');
    for (const g of i.mostAsked.slice(0, 5)) lines.push(`  ${g.example ? `"${g.example}"` : g.terms} — ${g.count}×, ${g.answered} answered`);
  }
  if (i.gaps.length > 0) {
    lines.push('Most asked, not covered:');
    for (const g of i.gaps.slice(0, 5)) lines.push(`  ${g.terms || '(no words)'} — ${g.count}×${g.example ? ` (e.g. "${g.example}")` : ''}`);
  }
  const unclear = i.unclear.reduce((n, g) => n + g.count, 0);
  if (unclear > 0) lines.push(`Also refused, not gaps in the article: ${unclear} (not understood, off-topic, another language or too short).`);
  if (pageUrl) lines.push(`More: ${pageUrl}`);
  return lines.join('\n');
}
