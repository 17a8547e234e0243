/**
 * Core reply → Discord message. Discord's limits live here, next to the formatter that has to
 * respect them: text is trimmed on word boundaries with a visible marker, and a citation's label
 * is never cut off (an excerpt is shortened, or whole citations are left for "More").
 *
 * The output is plain Discord API JSON (embeds and component rows), so it can be tested without a
 * client and handed to discord.js as is.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Citation, Range, Reply, ReplyStatus } from '../../core/types.js';
import { customIds } from './custom-ids.js';
import { DISCORD_HELP } from './messages.js';

/** Discord's documented limits that this renderer enforces (characters unless noted). */
export const DISCORD_LIMITS = {
  /** Message `content`. */
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedFieldName: 256,
  embedFieldValue: 1024,
  /** Sum of title, description, field names and values, footer text and author name of one embed. */
  embedTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  /** Autocomplete: at most 25 choices, names and string values at most 100 characters. */
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The visible marker left where text was trimmed. */
export const TRIM_MARKER = '…';

/** A citation block shorter than this is not worth showing trimmed; it is left for "More". */
const MIN_CITATION_BLOCK = 160;

/** Most "Full ¶N" buttons on one reply (a row holds five buttons: More, three of these, the link). */
const MAX_PARAGRAPH_BUTTONS = 3;

const COLORS: Record<ReplyStatus, number> = {
  answered: 0x3b82f6,
  quote: 0x3b82f6,
  summary: 0x3b82f6,
  search: 0x3b82f6,
  about: 0x64748b,
  help: 0x64748b,
  not_covered: 0x94a3b8,
  invalid: 0xf59e0b,
  note: 0x64748b,
  silent: 0x64748b,
};

/**
 * A citation's link to the reader page (`PUBLIC_URL`); undefined for none. Injected by
 * `src/main.ts`, so the renderer never knows how links are made or signed.
 */
export type CitationLink = (citation: Citation) => string | undefined;

/** What a rendered reply needs beyond the reply itself. */
export interface RenderContext {
  /** The conversation the reply belongs to: carried by the More and feedback buttons. */
  conversationId: string;
  /** When set, each `¶N` label is a link to the citation's reader page. */
  citationLink?: CitationLink | undefined;
}

/** A message body discord.js can send: `content`, `embeds` and `components` as API JSON. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Renders a core reply as one embed plus its buttons. */
export function renderReply(reply: Reply, context: RenderContext): RenderedMessage {
  const embed: APIEmbed = { color: COLORS[reply.status] };
  const title = titleFor(reply);
  if (title) embed.title = trimText(title, DISCORD_LIMITS.embedTitle);
  if (reply.status === 'about' && reply.article?.url) embed.url = reply.article.url;
  if (reply.article) {
    embed.footer = { text: trimText(footerText(reply), DISCORD_LIMITS.embedFooter) };
  }
  const fields = reply.status === 'about' ? aboutFields(reply) : [];
  if (reply.status === 'about' || reply.status === 'help') fields.push({ name: 'On Discord', value: DISCORD_HELP, inline: false });
  if (fields.length > 0) embed.fields = fields;

  // The description gets whatever the 6,000-per-embed budget leaves, up to its own 4,096.
  const used = (embed.title?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const budget = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - used);
  const description = describe(reply, budget, context.citationLink);
  if (description) embed.description = description;

  return { embeds: [embed], components: buttonsFor(reply, context) };
}

/** A plain line as message content (errors, rate limit): escaped and within 2,000 characters. */
export function renderText(text: string): RenderedMessage {
  return { content: trimText(escapeMarkdown(text), DISCORD_LIMITS.content), embeds: [], components: [] };
}

function titleFor(reply: Reply): string | undefined {
  switch (reply.status) {
    case 'answered':
    case 'not_covered':
      // The question as the core understood it: readers see what was asked, and 👍 / 👎 read it back.
      return reply.question ? escapeMarkdown(oneLine(reply.question)) : undefined;
    case 'quote':
      return 'Full paragraph';
    case 'summary':
      return 'Summary';
    case 'search':
      return 'Search';
    case 'about':
      return reply.article ? escapeMarkdown(reply.article.title) : 'About';
    case 'help':
      return 'Pilcrow';
    case 'invalid':
    case 'note':
      return undefined;
  }
}

function footerText(reply: Reply): string {
  const a = reply.article!;
  // Footers are plain text in Discord (no markdown), so nothing is escaped here.
  return a.source && reply.status !== 'about' ? `${a.title} — ${a.source}` : a.title;
}

function aboutFields(reply: Reply): APIEmbedField[] {
  const a = reply.article;
  if (!a) return [];
  const fields: APIEmbedField[] = [];
  const add = (name: string, value: string | undefined) => {
    if (value) fields.push({ name, value: trimText(escapeMarkdown(value), DISCORD_LIMITS.embedFieldValue), inline: true });
  };
  add('Source', a.source);
  add('Author', a.author);
  add('Published', a.published);
  add('Paragraphs', String(a.paragraphCount));
  if (a.url) fields.push({ name: 'Link', value: trimText(a.url, DISCORD_LIMITS.embedFieldValue), inline: false });
  return fields;
}

/**
 * The embed description: the core's message, the quoted excerpts (each under its ¶N label), help
 * examples and notices, fitted into `budget` characters.
 */
export function describe(reply: Reply, budget: number, link?: CitationLink): string {
  const head: string[] = [];
  if (reply.message) head.push(escapeMarkdown(reply.message));
  const tail: string[] = [];
  if (reply.examples?.length) {
    tail.push(['Try:', ...reply.examples.map((e) => `• ${escapeMarkdown(oneLine(e))}`)].join('\n'));
  }
  for (const notice of reply.notices) tail.push(`-# ${escapeMarkdown(oneLine(notice))}`);
  const urls = reply.citations.map((c) => (link ? maskedLinkUrl(link(c)) : undefined));
  const text = fitBlocks(head, reply.citations, urls, tail, budget);
  // The fitting allows for each link, so this is only a guard: without links it always fits.
  return text.length <= budget || !urls.some(Boolean) ? text : fitBlocks(head, reply.citations, [], tail, budget);
}

/** `url` fit for a masked link `[label](url)`: http(s) only, with the characters that would end it encoded. */
function maskedLinkUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const SEPARATOR = '\n\n';

function fitBlocks(head: string[], citations: Citation[], urls: readonly (string | undefined)[], tail: string[], budget: number): string {
  // Head and tail lines are short plain lines; they are trimmed only if they alone overflow.
  const fixedParts = [...head, ...tail];
  const join = (blocks: string[], omitted: number) => {
    const note = omitted > 0 ? [`-# ${omitted} more ${omitted === 1 ? 'passage' : 'passages'} not shown.`] : [];
    return [...head, ...blocks, ...note, ...tail].join(SEPARATOR);
  };
  const full = citations.map((c, i) => formatCitation(c, c.excerpt.length, urls[i]));
  const whole = join(full, 0);
  if (whole.length <= budget) return whole;

  // Show as many citations as fit at a readable size; the rest are counted in a note.
  let shown = citations.length;
  const overhead = (n: number) => join(new Array<string>(n).fill(''), citations.length - n).length;
  // A linked label costs its address too, on top of the readable minimum.
  const least = citations.map((c, i) => MIN_CITATION_BLOCK + (urls[i] ? urls[i].length + 4 : 0));
  const leastOf = (n: number) => least.slice(0, n).reduce((a, b) => a + b, 0);
  while (shown > 0 && overhead(shown) + leastOf(shown) > budget) shown -= 1;
  if (shown === 0) {
    const text = join([], citations.length);
    if (text.length <= budget) return text;
    return trimText(fixedParts.join(SEPARATOR), budget);
  }
  const room = budget - overhead(shown);
  const budgets = shareOut(
    full.slice(0, shown).map((b) => b.length),
    room,
  );
  const blocks = citations.slice(0, shown).map((c, i) => fitCitation(c, budgets[i]!, urls[i]));
  return join(blocks, citations.length - shown);
}

/** Splits `room` among items of the given sizes: small ones keep their size, big ones share the rest equally. */
function shareOut(sizes: number[], room: number): number[] {
  const out = new Array<number>(sizes.length).fill(0);
  const order = sizes.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let left = room;
  order.forEach(([size, i], k) => {
    const fair = Math.floor(left / (order.length - k));
    out[i] = Math.min(size, fair);
    left -= out[i]!;
  });
  return out;
}

/** The longest rendering of `citation` within `max` characters, its excerpt trimmed on a word boundary. */
function fitCitation(citation: Citation, max: number, url?: string): string {
  let lo = 0;
  let hi = citation.excerpt.length;
  let best = formatCitation(citation, 0, url);
  // Formatting (escapes, bold markers) grows the text unevenly, so search for the longest cut that fits.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = formatCitation(citation, mid, url);
    if (text.length <= max) {
      best = text;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/**
 * One citation: its label (bold) and section on one line, then the excerpt as a block quote with
 * the matched terms in bold. The excerpt is cut to at most `keep` characters on a word boundary.
 * With `url` (a reader link, already fit for a masked link) the label links to it.
 */
export function formatCitation(citation: Citation, keep: number, url?: string): string {
  const { text, cut } = cutAtWord(citation.excerpt, keep);
  const body = emphasize(text, citation.highlights) + (cut ? ` ${TRIM_MARKER}` : '');
  const quote = body
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const section = citation.section ? ` · ${escapeMarkdown(citation.section)}` : '';
  // Search results name their paragraph by its opening words.
  const opening = citation.opening ? ` — *${escapeMarkdown(citation.opening)}*` : '';
  const role = citation.role ? ` · *${escapeMarkdown(citation.role)}*` : '';
  const label = url ? `[${escapeMarkdown(citation.label)}](${url})` : escapeMarkdown(citation.label);
  return `**${label}**${section}${role}${opening}\n${quote}`;
}

/** `text` with the highlighted ranges in bold, everything escaped. */
export function emphasize(text: string, highlights: readonly Range[]): string {
  const ranges = normalizeRanges(text, highlights);
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += escapeMarkdown(text.slice(at, r.start));
    out += `**${escapeMarkdown(text.slice(r.start, r.end))}**`;
    at = r.end;
  }
  return out + escapeMarkdown(text.slice(at));
}

// Sorted, merged, clipped to the text, and shrunk to non-space ends (`** word**` does not render bold).
function normalizeRanges(text: string, highlights: readonly Range[]): Range[] {
  const sorted = highlights
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    // Ranges that touch, or sit a space apart, become one: `**a****b**` would not render as bold,
    // and `**Yangtze Memory**` reads better than `**Yangtze** **Memory**`.
    if (last && (r.start <= last.end || /^[^\S\n]+$/.test(text.slice(last.end, r.start)))) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const out: Range[] = [];
  for (const r of merged) {
    let { start, end } = r;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start && !text.slice(start, end).includes('\n')) out.push({ start, end });
  }
  return out;
}

/** Cuts `text` to at most `keep` characters, at the last white space when there is one in reach. */
function cutAtWord(text: string, keep: number): { text: string; cut: boolean } {
  if (text.length <= keep) return { text, cut: false };
  const slice = text.slice(0, keep + 1);
  const space = slice.search(/\s\S*$/);
  const end = space > 0 ? space : keep;
  return { text: text.slice(0, end).trimEnd(), cut: true };
}

/**
 * Trims already formatted text to `max` characters on a word boundary, ending with the marker.
 * Cutting at white space never splits an escape or a bold pair inside a word.
 */
export function trimText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - TRIM_MARKER.length - 1);
  let { text: cut } = cutAtWord(text, room);
  // An unbalanced `**` would turn the rest bold; a trailing backslash would escape the marker.
  if ((cut.match(/\*\*/g)?.length ?? 0) % 2 === 1) cut = cut.slice(0, cut.lastIndexOf('**')).trimEnd();
  cut = cut.replace(/\\+$/, '');
  return `${cut} ${TRIM_MARKER}`.slice(0, max);
}

/**
 * Escapes Discord markdown so article and user text shows literally: emphasis, code, spoilers,
 * links and mention syntax (`<@id>`) everywhere; headings, lists and quotes at line starts.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|<>[\]]/g, '\\$&')
    .replace(/^(\s*)([#+-]|\d+\.)/gm, (_m, space: string, mark: string) => `${space}${mark.replace(/^[#+-]|\.$/, '\\$&')}`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function buttonsFor(reply: Reply, context: RenderContext): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  const first: APIButtonComponent[] = [];
  if (reply.hasMore) {
    first.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'More',
      custom_id: customIds.more(context.conversationId),
    });
  }
  if (reply.status === 'answered' || reply.status === 'search' || reply.status === 'summary') {
    const seen = new Set<string>();
    for (const c of reply.citations) {
      const key = `${c.articleId}\u0000${c.paragraph}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > MAX_PARAGRAPH_BUTTONS) break;
      first.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: trimText(`Full paragraph ${c.label}`, DISCORD_LIMITS.buttonLabel),
        custom_id: customIds.paragraph(c.paragraph, c.articleId),
      });
    }
  }
  if (reply.article?.url) {
    first.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: 'Read the article', url: reply.article.url });
  }
  if (first.length > 0) rows.push({ type: ComponentType.ActionRow, components: first.slice(0, DISCORD_LIMITS.buttonsPerRow) });

  if (reply.status === 'answered' || reply.status === 'not_covered') {
    const cited = reply.citations[0];
    const vote = (v: 'up' | 'down'): APIButtonComponent => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      emoji: { name: v === 'up' ? '👍' : '👎' },
      custom_id: customIds.vote(v, context.conversationId, cited?.paragraph, cited?.articleId),
    });
    rows.push({ type: ComponentType.ActionRow, components: [vote('up'), vote('down')] });
  }
  return rows;
}
