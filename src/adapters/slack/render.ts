/**
 * Core `Reply` → Slack Block Kit message. Slack's limits live here, next to the formatter:
 * every section text stays within 3,000 characters and a message within 50 blocks, trimming
 * excerpts on word boundaries with a visible marker and never cutting a citation label off.
 * Everything that comes from the article or the user is escaped and marked `verbatim`.
 */
import type { types } from '@slack/bolt';
import type { Citation, Range, Reply } from '../../core/types.js';
import { ACTION, encodeValue, type FullValue, type MoreValue, type ShareValue, type VoteValue } from './buttons.js';
import { defuseBroadcasts, escapeMrkdwn, link } from './mrkdwn.js';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ContextBlock = types.ContextBlock;
type ActionsBlock = types.ActionsBlock;
type Button = types.Button;

/** Slack: a section's `text` holds at most 3,000 characters. */
export const SECTION_TEXT_MAX = 3000;
/** Slack: a message holds at most 50 blocks. */
export const MAX_BLOCKS = 50;
/** Slack: a context block holds at most 10 elements. */
export const CONTEXT_ELEMENTS_MAX = 10;
/** Slack: an actions block holds at most 25 elements. */
export const ACTIONS_ELEMENTS_MAX = 25;
/** Ours: the notification fallback `text` is one line, not a page. */
export const FALLBACK_TEXT_MAX = 300;
/** Ours: how much of the question a feedback button carries back (its value is capped at 2,000). */
export const VOTE_QUESTION_MAX = 600;
/** Shown where an excerpt or line was trimmed to fit. */
export const TRIM_MARKER = '…';

/** A message ready for `chat.postMessage` / `respond`: blocks plus the plain notification text. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A citation's link to the reader page (`PUBLIC_URL`); undefined for none. Injected by
 * `src/main.ts`, so the renderer never knows how links are made or signed.
 */
export type CitationLink = (citation: Citation) => string | undefined;

export interface RenderOptions {
  /** The conversation the reply belongs to; buttons carry it back. */
  conversationId: string;
  /** Where button follow-ups go when the message is public (see `buttons.ts`). */
  thread?: string;
  /** Show the question on the message (slash commands: nobody else saw it typed). */
  echoQuestion?: boolean;
  /** Adds a **Share in channel** button carrying this key. */
  shareKey?: string;
  /** When set, each `¶N` label links to the citation's reader page instead of the article's address. */
  citationLink?: CitationLink | undefined;
}

/** Renders a core reply as a Block Kit message within Slack's limits. */
export function renderReply(reply: Reply, options: RenderOptions): SlackMessage {
  const head: KnownBlock[] = [];
  const tail: KnownBlock[] = [];

  if (options.echoQuestion && reply.question) {
    head.push(context([`*Question:* ${trimLine(escapeMrkdwn(reply.question), SECTION_TEXT_MAX - 20)}`]));
  }
  if (reply.message) head.push(section(trimLine(escapeMrkdwn(reply.message), SECTION_TEXT_MAX)));

  if (reply.examples && reply.examples.length > 0) {
    const lines = reply.examples.map((e) => `• ${escapeMrkdwn(e)}`);
    tail.push(section(trimLines(['*Try asking:*', ...lines], SECTION_TEXT_MAX)));
  }
  if (reply.notices.length > 0) {
    tail.push(context(reply.notices.slice(0, CONTEXT_ELEMENTS_MAX).map((n) => trimLine(`_${escapeMrkdwn(n)}_`, SECTION_TEXT_MAX))));
  }
  if (reply.article) tail.push(context([articleLine(reply)]));
  const actions = actionButtons(reply, options);
  if (actions.length > 0) tail.push({ type: 'actions', elements: actions } satisfies ActionsBlock);

  // One block is kept back for the "not shown" note, so citations never push the message over 50.
  const room = MAX_BLOCKS - head.length - tail.length - 1;
  const shown = reply.citations.slice(0, Math.max(0, room));
  const body: KnownBlock[] = shown.map((c, i) => citationBlock(reply, c, i, options));
  const hidden = reply.citations.length - shown.length;
  if (hidden > 0) body.push(context([`_${hidden} more excerpt${hidden === 1 ? '' : 's'} not shown here._`]));

  const blocks = [...head, ...body, ...tail];
  if (blocks.length === 0) blocks.push(section(escapeMrkdwn('(no answer)')));
  return { text: fallbackText(reply), blocks };
}

/** A one-section message for short notes (rate limit, errors, expired buttons). */
export function renderNote(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: defuseBroadcasts(trimLine(escaped, FALLBACK_TEXT_MAX)), blocks: [section(trimLine(escaped, SECTION_TEXT_MAX))] };
}

// ── citations ────────────────────────────────────────────────────────────────

function citationBlock(reply: Reply, c: Citation, index: number, options: RenderOptions): SectionBlock {
  const url = options.citationLink?.(c) ?? (reply.article && reply.article.id === c.articleId ? reply.article.url : undefined);
  // Search results name their paragraph by its opening words.
  const opening = c.opening ? ` · _${escapeMrkdwn(c.opening)}_` : '';
  const role = c.role ? ` · ${escapeMrkdwn(c.role)}` : '';
  const cite = `— ${link(url, c.label)}${c.section ? ` · _${escapeMrkdwn(c.section)}_` : ''}${role}${opening}`;
  // The citation line is written in full first; the excerpt gets whatever room is left.
  const budget = SECTION_TEXT_MAX - cite.length - 1;
  const block: SectionBlock = section(`${quoteExcerpt(c.excerpt, c.highlights, budget)}\n${cite}`);
  if (reply.status !== 'quote') {
    const value: FullValue = { c: options.conversationId, a: c.articleId, p: c.paragraph, ...where(options) };
    block.accessory = button('Full paragraph', `${ACTION.full}_${index + 1}`, encodeValue(value));
  }
  return block;
}

/**
 * The excerpt as a `mrkdwn` block quote with highlights in bold, no longer than `budget`
 * characters once escaped; trimmed at a word boundary with a visible marker when needed.
 */
export function quoteExcerpt(excerpt: string, highlights: Range[], budget: number): string {
  const ranges = boldRanges(excerpt, highlights);
  let cut = excerpt.length;
  let trimmed = false;
  for (;;) {
    const body = formatQuote(excerpt.slice(0, cut), clip(ranges, cut), trimmed);
    if (body.length <= budget || cut === 0) return body;
    const target = Math.max(0, cut - (body.length - budget) - 1);
    cut = wordCut(excerpt, target);
    trimmed = true;
  }
}

function formatQuote(raw: string, ranges: Range[], trimmed: boolean): string {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += escapeMrkdwn(raw.slice(at, r.start));
    out += `*${escapeMrkdwn(raw.slice(r.start, r.end))}*`;
    at = r.end;
  }
  out += escapeMrkdwn(raw.slice(at));
  if (trimmed) out = `${out.trimEnd()} ${TRIM_MARKER}`;
  return out
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/**
 * Highlight ranges made safe for Slack bold: widened to whole words (Slack ignores `*` inside a
 * word), trimmed of spaces, split at line breaks (bold cannot span lines), merged when only
 * spaces separate them, sorted.
 */
export function boldRanges(text: string, highlights: Range[]): Range[] {
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
  const widened: Range[] = [];
  for (const h of highlights) {
    let start = Math.max(0, Math.min(h.start, text.length));
    let end = Math.max(start, Math.min(h.end, text.length));
    while (start > 0 && isWord(text[start - 1])) start--;
    while (end < text.length && isWord(text[end])) end++;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end <= start) continue;
    let from = start;
    for (let i = start; i <= end; i++) {
      if (i === end || text[i] === '\n') {
        if (i > from) widened.push({ start: from, end: i });
        from = i + 1;
      }
    }
  }
  widened.sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of widened) {
    const last = merged[merged.length - 1];
    if (last && (r.start <= last.end || /^[ \t]+$/.test(text.slice(last.end, r.start)))) {
      last.end = Math.max(last.end, r.end);
    } else {
      merged.push({ ...r });
    }
  }
  return merged;
}

function clip(ranges: Range[], cut: number): Range[] {
  return ranges.filter((r) => r.start < cut).map((r) => ({ start: r.start, end: Math.min(r.end, cut) }));
}

/** The last word boundary at or before `target` (or `target` itself inside one very long word). */
function wordCut(text: string, target: number): number {
  if (target <= 0) return 0;
  const space = text.lastIndexOf(' ', target);
  const cut = space > 0 ? space : target;
  return text.slice(0, cut).trimEnd().length;
}

// ── other parts ──────────────────────────────────────────────────────────────

function articleLine(reply: Reply): string {
  const a = reply.article!;
  const parts = [`From *${link(a.url, a.title)}*`];
  if (a.source) parts.push(escapeMrkdwn(a.source));
  return trimLine(parts.join(' · '), SECTION_TEXT_MAX);
}

function actionButtons(reply: Reply, options: RenderOptions): Button[] {
  const buttons: Button[] = [];
  if (reply.hasMore) {
    const value: MoreValue = { c: options.conversationId, ...(reply.article ? { a: reply.article.id } : {}), ...where(options) };
    buttons.push(button('More', ACTION.more, encodeValue(value)));
  }
  if (reply.status === 'answered' || reply.status === 'not_covered') {
    const first = reply.citations[0];
    const base: VoteValue = {
      c: options.conversationId,
      ...(reply.question ? { q: voteQuestion(reply.question) } : {}),
      ...(first ? { a: first.articleId, p: first.paragraph } : {}),
    };
    buttons.push(button('👍', ACTION.voteUp, encodeValue(base)));
    buttons.push(button('👎', ACTION.voteDown, encodeValue(base)));
  }
  if (options.shareKey) {
    const value: ShareValue = { k: options.shareKey };
    const share = button('Share in channel', ACTION.share, encodeValue(value));
    share.style = 'primary';
    buttons.push(share);
  }
  return buttons.slice(0, ACTIONS_ELEMENTS_MAX);
}

/**
 * The question as a vote button carries it: at most VOTE_QUESTION_MAX characters once JSON has
 * escaped it. A lone surrogate or a control character is escaped as six (`\udc00`), so 600 of
 * them would push the button value past Slack's 2,000: lone surrogates become U+FFFD, and the
 * question is shortened until its escaped form fits.
 */
export function voteQuestion(question: string): string {
  const wellFormed = (t: string) => t.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  let q = wellFormed(question.slice(0, VOTE_QUESTION_MAX));
  while (JSON.stringify(q).length - 2 > VOTE_QUESTION_MAX) q = wellFormed(q.slice(0, Math.floor(q.length * 0.9)));
  return q;
}

function where(options: RenderOptions): { t?: string } {
  return options.thread === undefined ? {} : { t: options.thread };
}

function fallbackText(reply: Reply): string {
  const parts: string[] = [];
  if (reply.message) parts.push(reply.message);
  const first = reply.citations[0];
  if (first) parts.push(`“${first.excerpt}” — ${first.label}`);
  if (parts.length === 0 && reply.examples?.length) parts.push(`Try asking: ${reply.examples[0]}`);
  const line = parts.join(' ').replace(/\s+/g, ' ').trim() || 'Pilcrow';
  return defuseBroadcasts(trimLine(escapeMrkdwn(line), FALLBACK_TEXT_MAX));
}

// ── Block Kit helpers ────────────────────────────────────────────────────────

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function context(texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text, verbatim: true })) };
}

function button(text: string, actionId: string, value: string): Button {
  return { type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value };
}

/** Cuts already-escaped text to `max` characters on a word boundary, never inside an entity. */
export function trimLine(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(' ', max - TRIM_MARKER.length - 1);
  if (cut <= 0) cut = max - TRIM_MARKER.length - 1;
  let head = text.slice(0, cut);
  // Do not leave half an entity such as `&am` behind.
  head = head.replace(/&[a-z]{0,4}$/, '');
  return `${head.trimEnd()} ${TRIM_MARKER}`;
}

function trimLines(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max - TRIM_MARKER.length - 1) {
      kept.push(TRIM_MARKER);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}
