/** The texts the bot says about itself and its library: help, the article list, details, examples. */
import type { Article } from '../articles/content.js';
import type { Library } from '../search/library.js';
import { clip } from '../text/clip.js';
import { terms } from '../text/analyzer.js';
import type { ArticleInfo } from '../types.js';

/** Articles listed in one reply at most; more are counted, not shown. */
const LIST_MAX = 25;

/** What the bot does and how to ask it, in one paragraph. */
export const HELP_TEXT =
  'I answer questions about the article with verbatim excerpts, each cited by paragraph (¶N). ' +
  'Ask a question; follow up in the same thread ("why?", "and Europe?"); say "more" for further excerpts, ' +
  '"quote 3" for a whole paragraph, "summary", "search <words>", or "about". ' +
  'Discuss it: "What\u2019s the main argument?", "What does the author think about …?", "check <claim>" to test a claim, ' +
  '"discuss" for the argument and key claims as prompts, "recap" for what a thread has covered. ' +
  'With several articles: "list" shows them, "use <id>" picks this channel\'s article, "quote <id> 3" quotes one, "remove <id>" removes one added from chat.';

/** The articles, one a line, the current one marked. */
export function listText(articles: readonly Article[], current: number | undefined): string {
  const list = articles;
  const lines = list
    .slice(0, LIST_MAX)
    .map(
      (a, i) =>
        `${i === current ? '▸' : '•'} ${a.info.id} — “${clip(a.info.title, 90)}” (${a.info.paragraphCount} paragraphs)${i === current ? ' — current' : ''}`,
    );
  if (list.length > LIST_MAX) lines.push(`…and ${list.length - LIST_MAX} more.`);
  const head = list.length === 1 ? 'One article:' : `${list.length} articles${current === undefined ? '; none chosen here — say "use <id>" to pick one' : ''}:`;
  return [head, ...lines].join('\n');
}

/** The details of the article in articleIndex, or of every article: title, source, author, date, link, length. */
export function aboutText(articles: readonly Article[], articleIndex: number | undefined): string {
  const list = articleIndex === undefined ? articles : [articles[articleIndex]!];
  return list
    .map((a) => {
      const i = a.info;
      const parts = [`"${i.title}"`];
      if (i.source) parts.push(`source: ${i.source}`);
      if (i.author) parts.push(`by ${i.author}`);
      if (i.published) parts.push(`published ${i.published}`);
      if (i.url) parts.push(i.url);
      parts.push(`${i.paragraphCount} paragraphs`);
      return parts.join(' — ');
    })
    .join('\n');
}

/** Example questions built from the article's most frequent names (not adjectives like "Chinese"). */
export function exampleQuestions(library: Library): string[] {
  const counts = new Map<string, number>();
  const demonyms = library.expansions.demonyms;
  for (const a of library.articles)
    for (const p of a.paragraphs)
      for (const m of p.text.matchAll(/(?<=[a-z,;:] )(\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)*)/gu)) {
        const name = m[1]!.replace(/[’']s$/, '');
        if (terms(name).some((t) => demonyms.has(t))) continue;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([n]) => n);
  return [...top.map((n) => `What does the article say about ${n}?`), 'summary', 'quote 1'];
}

/** What is known about an article asked to judge itself ("Is this propaganda?"): its details, no excerpt. */
export function judgementLine(a: ArticleInfo): string {
  const kind = /\b(?:editorial|opinion|op-?ed|column|commentary|viewpoint|comment)\b/i.test(`${a.title} ${a.source ?? ''}`)
    ? /\beditorial\b/i.test(`${a.title} ${a.source ?? ''}`)
      ? 'an editorial'
      : 'an opinion piece'
    : 'an article';
  const details = [`“${a.title}” is ${kind}`];
  if (a.source) details.push(`from ${a.source.replace(/\s*\((?:editorial|opinion|op-?ed|column)\)\s*$/i, '')}`);
  if (a.author) details.push(`by ${a.author}`);
  if (a.published) details.push(`published ${a.published}`);
  const stance = kind === 'an article' ? '' : ' It argues a case, so its claims are its publisher\u2019s view.';
  return `The article doesn't assess itself, so there is nothing in it to quote on that. What is known about it: ${details.join(', ')}.${stance} Say "check" and a claim to test it against the text.`;
}

/**
 * The end offset of the opening words of `text`: the first sentence when it is short, else at
 * most `max` characters ending on a word, never inside a quotation ("The “hybrid").
 */
export function clipRange(text: string, firstSentenceEnd: number, max: number): number {
  if (firstSentenceEnd <= max * 1.5) return firstSentenceEnd;
  let end = text.lastIndexOf(' ', max);
  while (end > max / 3) {
    const head = text.slice(0, end);
    const open = (head.match(/[“‘(]/g) ?? []).length;
    const close = (head.match(/[”’)]/g) ?? []).length - (head.match(/\p{L}’\p{L}/gu) ?? []).length;
    if (open <= close && !/[,;:–-]$/.test(head)) return end;
    end = text.lastIndexOf(' ', end - 1);
  }
  return text.lastIndexOf(' ', max) > 0 ? text.lastIndexOf(' ', max) : Math.min(max, text.length);
}
