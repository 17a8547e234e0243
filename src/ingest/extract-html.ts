/**
 * A web page → a draft: Mozilla's Readability (Firefox Reader View) finds the article among the
 * navigation, ads and comments, on a linkedom DOM (no browser, no scripts run); its cleaned HTML is
 * then walked into headings and paragraphs.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoDate, squash, type Block, type Draft } from './draft.js';

/** The little of the DOM this walk needs (the project compiles without the DOM library). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  tagName: string;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomRoot {
  querySelectorAll(selector: string): ArrayLike<DomElement & { remove(): void; getAttribute(name: string): string | null }>;
}
type ReadabilityInput = ConstructorParameters<typeof Readability>[0];

/** Fewest characters of paragraph text that make an article. */
const MIN_ARTICLE_CHARS = 100;

/**
 * Class or id word parts of page chrome that Readability keeps when it sits inside the article
 * element: ad slots ("ad", "ad-inline", "advertisement"), sponsored and promoted boxes, share
 * and social buttons, cookie notices, newsletter sign-ups, the byline (read into the front
 * matter already).
 */
const CHROME_WORD = /^(?:ads?|advert\w*|sponsor\w*|promo\w*|share|sharing|social|cookies?|newsletter|byline|dateline|paywall|related)$/i;
/** Elements that are never article text, wherever they are. */
const CHROME_SELECTOR =
  'nav, aside, footer, form, dialog, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [aria-hidden="true"]';

const BLOCKS = new Set(['P', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT', 'TD', 'FIGCAPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Text inside these is not article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM', 'IFRAME', 'FIGCAPTION']);

/** Extracts the article of `html`, fetched from `url`. Blocks are empty when no article was found. */
export function htmlToDraft(html: string, url?: string): Draft {
  // linkedom builds no <html> element for a fragment (no <html> tag: its first element becomes
  // the root, or there is none), and Readability throws on that: a fragment is read as the body of a page.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const meta = (selector: string) => squash(document.querySelector(selector)?.getAttribute('content') ?? '') || undefined;
  const fallbackTitle = meta('meta[property="og:title"]') ?? (squash(document.querySelector('title')?.textContent ?? '') || undefined);
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  removeChrome(document as unknown as DomRoot);
  // Readability changes the document it reads; the details above are read first.
  const parsed = new Readability(document as unknown as ReadabilityInput, { charThreshold: 200 }).parse();
  let blocks = parsed?.content ? blocksOf(parsed.content) : [];
  // A few words left over (a menu, a link list) are not an article.
  if (blocks.reduce((n, b) => n + (b.kind === 'paragraph' ? b.text.length : 0), 0) < MIN_ARTICLE_CHARS) blocks = [];
  const title = squash(parsed?.title ?? '') || fallbackTitle;
  // A first heading repeating the title is the title, not a section.
  if (blocks[0]?.kind === 'heading' && title && squash(blocks[0].text).toLowerCase() === title.toLowerCase()) blocks.shift();
  const author = cleanByline(parsed?.byline ?? meta('meta[name="author"]'));
  const date = isoDate(parsed?.publishedTime ?? published);
  const source = squash(parsed?.siteName ?? '') || meta('meta[property="og:site_name"]') || (url ? siteNameOf(new URL(url).hostname) : undefined);
  return {
    ...(title ? { title } : {}),
    ...(author ? { author } : {}),
    ...(date ? { published: date } : {}),
    ...(source ? { source } : {}),
    ...(url ? { url } : {}),
    blocks,
  };
}

/** Removes the page chrome Readability would keep (see CHROME_WORD, CHROME_SELECTOR). */
function removeChrome(document: DomRoot): void {
  for (const el of Array.from(document.querySelectorAll(CHROME_SELECTOR))) el.remove();
  for (const el of Array.from(document.querySelectorAll('[class], [id]'))) {
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
    // "ad-inline", "share_tools": any part of a word counts.
    if (words.some((w) => w.split(/[-_]/).some((part) => CHROME_WORD.test(part)))) el.remove();
  }
}

/** "By Jane Doe | Staff writer" → "Jane Doe | Staff writer"; a byline that is a sentence is dropped. */
function cleanByline(byline: string | null | undefined): string | undefined {
  const b = squash(byline ?? '').replace(/^by\s+/i, '');
  return b && b.length <= 120 ? b : undefined;
}

/** The headings and paragraphs of Readability's cleaned HTML, in order. */
export function blocksOf(html: string): Block[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: Block[] = [];
  let loose = '';
  const flush = () => {
    const t = squash(loose);
    if (t) out.push({ kind: 'paragraph', text: t });
    loose = '';
  };
  const walk = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        loose += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as DomElement;
      const tag = el.tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') {
        loose += ' ';
        continue;
      }
      const hasBlockInside = Array.from(el.querySelectorAll('*')).some((d) => BLOCKS.has(d.tagName.toUpperCase()));
      if (BLOCKS.has(tag) && !hasBlockInside) {
        flush();
        const text = squash(el.textContent ?? '');
        if (text) out.push({ kind: HEADINGS.has(tag) ? 'heading' : 'paragraph', text });
      } else if (isInline(tag)) {
        loose += el.textContent ?? '';
      } else {
        flush();
        walk(el);
        flush();
      }
    }
  };
  walk(document.body as unknown as DomNode);
  flush();
  return out;
}

function isInline(tag: string): boolean {
  return /^(?:A|ABBR|B|BDI|BDO|CITE|CODE|DATA|DFN|EM|I|KBD|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|U|VAR|WBR)$/.test(tag);
}

/**
 * A site's name from its host when the page names none: "example.org" for www.example.org. An
 * address or a local name (127.0.0.1, localhost, intranet) is no name a reader knows: none.
 */
export function siteNameOf(hostname: string): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.') || host.endsWith('.localhost') || host.endsWith('.local')) return undefined;
  return host.replace(/^www\./, '');
}
