/**
 * The first things people say to a bot about an article, which are not questions the article's
 * text answers: what it is about, who wrote it, when and where it was published, thanks, and
 * questions in another language. They are recognized before searching, so "Who wrote it?" reads
 * the front matter instead of quoting a paragraph that happens to contain "wrote".
 */
import { createRequire } from 'node:module';
import type { detectAll as DetectAll } from 'tinyld';
import { isDictionaryWord } from '../lexicon/related.js';
import { terms } from '../text/analyzer.js';
import { NEGATIONS, STOP_WORDS } from '../text/stopwords.js';
import type { ArticleInfo } from '../types.js';

/** What a message asks that the article's details (not its text) answer. */
export type Intent =
  | { kind: 'what_about' }
  /**
   * `deictic`: asked with "it"/"this" ("Who wrote it?"), so surely about the article itself;
   * "When was the article published?" may instead be about an article the text tells of.
   */
  | { kind: 'author'; deictic: boolean }
  | { kind: 'published'; deictic: boolean }
  | { kind: 'origin'; deictic: boolean }
  | { kind: 'thanks' }
  /** `sure`: not one English function word in it; otherwise the article may still answer it. */
  | { kind: 'not_english'; language: string; sure: boolean };

// "it", "this", "the article", "this piece", "that story": the article itself, not something in it.
const IT = String.raw`(?:it|this|that|the\s+(?:article|piece|story|text|editorial|paper|post)|this\s+(?:article|piece|story|text|editorial|paper|post)|that\s+(?:article|piece|story))`;
const END = String.raw`\s*[?.!]*$`;

const RULES: Array<[RegExp, Intent['kind']]> = [
  [new RegExp(String.raw`^(?:so\s+)?(?:what(?:'s|’s|\s+is)|what\s+was)\s+${IT}\s+(?:all\s+)?about${END}`, 'i'), 'what_about'],
  [new RegExp(String.raw`^what\s+(?:is|'s|’s)\s+the\s+(?:article|piece|story)(?:\s+about)?${END}`, 'i'), 'what_about'],
  [new RegExp(String.raw`^what\s+(?:does|do)\s+${IT}\s+(?:say|talk\s+about|cover|discuss)${END}`, 'i'), 'what_about'],
  [new RegExp(String.raw`^(?:what(?:'s|’s|\s+is)\s+the\s+)?(?:gist|topic|main\s+(?:point|idea|topic))(?:\s+of\s+${IT})?${END}`, 'i'), 'what_about'],
  [
    new RegExp(
      String.raw`^(?:who\s+(?:wrote|writes|authored|penned|is\s+the\s+(?:author|writer)\s+of)\s+${IT}|who(?:'s|’s|\s+is|\s+was)\s+the\s+(?:author|writer|journalist|reporter)(?:\s+of\s+${IT})?|(?:and\s+)?(?:the\s+)?author|written\s+by\s+whom|by\s+whom|whose\s+(?:article|piece)\s+is\s+(?:it|this))${END}`,
      'i',
    ),
    'author',
  ],
  [
    new RegExp(
      String.raw`^(?:when\s+(?:was|is|did)\s+${IT}\s+(?:published|written|posted|released|come\s+out|out|from|dated)|when(?:'s|’s)\s+${IT}\s+from|what(?:'s|’s|\s+is)\s+the\s+(?:date|publication\s+date)(?:\s+of\s+${IT})?|how\s+old\s+is\s+${IT}|(?:the\s+)?(?:publication\s+)?date|is\s+${IT}\s+(?:recent|new|old))${END}`,
      'i',
    ),
    'published',
  ],
  [
    new RegExp(
      String.raw`^(?:where\s+(?:is|was|does|did)\s+${IT}\s+(?:from|published|come\s+from|appear)|who\s+published\s+${IT}|what(?:'s|’s|\s+is)\s+the\s+source(?:\s+of\s+${IT})?|(?:which|what)\s+(?:newspaper|paper|publication|outlet|site|website|magazine)\s+(?:is\s+${IT}\s+from|published\s+${IT}|is\s+this)|(?:the\s+)?source)${END}`,
      'i',
    ),
    'origin',
  ],
  [
    /^(?:(?:ok(?:ay)?|great|cool|nice|perfect|awesome|got\s+it)[,!.]?\s+)?(?:thanks?|thank\s+you|thank\s+u|thx|tks|ty|tysm|cheers|much\s+appreciated|appreciate\s+it)(?:\s+(?:a\s+lot|so\s+much|very\s+much|again|pilcrow|mate|guys))?\s*[.!]*\s*(?:[:;]-?\)|🙏|👍|🙂|😊|❤️?)*$/iu,
    'thanks',
  ],
];

let detector: typeof DetectAll | undefined;

/** tinyld's guesses, best first. Its tables take about half a second to load: loaded on first use. */
function detectAll(text: string): ReturnType<typeof DetectAll> {
  detector ??= (createRequire(import.meta.url)('tinyld') as { detectAll: typeof DetectAll }).detectAll;
  return detector(text);
}

/** Fewest letters a message needs before its language is judged: "Danke" alone is too short to tell. */
const MIN_LETTERS_FOR_LANGUAGE = 12;

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
/** English stop words (the `stopword` package's list, widened): nearly every English question has some. */
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS, ...NEGATIONS]);
/** A question with this share of English function words is English, however sure the detector is. */
const MAX_ENGLISH_SHARE = 0.25;
/** A message with more than this share of English dictionary words (WordNet's) beside its function words is English. */
const MAX_DICTIONARY_SHARE = 0.5;
/** tinyld's accuracy at or above which its guess is taken as confident. */
const CONFIDENT = 0.9;

/** How many letters `text` has: counted code by code when it is plain ASCII, as most questions are. */
function letterCount(text: string): number {
  if (/[^\p{ASCII}]/u.test(text)) return text.match(/\p{L}/gu)?.length ?? 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

/** The words of `text` as written (letters, with inner apostrophes). */
function wordsOf(text: string): string[] {
  return text.match(/\p{L}+(?:['’]\p{L}+)?/gu) ?? [];
}

/** The intent of `text` (already cleaned of mentions and control characters), if it has one. */
export function detectIntent(text: string): Intent | undefined {
  const t = text.trim();
  for (const [re, kind] of RULES) {
    if (!re.test(t)) continue;
    if (kind === 'author' || kind === 'published' || kind === 'origin') return { kind, deictic: /\b(?:it|this|that)\b/i.test(t) };
    return { kind } as Intent;
  }
  const foreign = foreignLanguage(t);
  if (foreign) return { kind: 'not_english', ...foreign };
  return undefined;
}

/**
 * The language of `text` when it is confidently not English, else undefined; `sure` when it
 * holds not one English function word. Text mostly in a
 * script other than Latin (Chinese, Cyrillic, Arabic…) is not English; Latin-script text is
 * judged by the detector (tinyld), and only when English is not a plausible reading, so a
 * question full of foreign names ("What did Samsung sign with YMTC?") stays English.
 */
export function foreignLanguage(text: string): { language: string; sure: boolean } | undefined {
  const letters = letterCount(text);
  // Letters of other scripts than Latin (Chinese, Cyrillic, Arabic…); none in most questions.
  const other = /[^\P{L}\p{Script=Latin}]/u.test(text) ? (text.match(/[^\P{L}\p{Script=Latin}]/gu)?.length ?? 0) : 0;
  if (letters < MIN_LETTERS_FOR_LANGUAGE) {
    // Short, but not in Latin script at all ("这是什么？"): that is not English either.
    if (letters >= 2 && other === letters) return { language: nameOf(detectAll(text)[0]?.lang), sure: true };
    return undefined;
  }
  if (other / letters > 0.5) return { language: nameOf(detectAll(text)[0]?.lang), sure: true };
  // Detectors read names as words ("NYPD Blue", "OAPEC"); an English question still has English
  // function words ("who", "the", "of"), a German or Spanish one next to none. Counting them
  // first also spares most questions the detector, which costs far more than answering.
  const written = wordsOf(text);
  const words = written.map((w) => w.toLowerCase());
  const share = words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / Math.max(words.length, 1);
  if (share >= MAX_ENGLISH_SHARE) return undefined;
  // Keywords ("samsung hybrid bonding") have few function words; if most of the other words
  // are English dictionary words, it is English, and the detector (a tenth of an answer's time) is
  // spared. Names ("Samsung", "YMTC" after the first word) tell nothing either way.
  const unnamed = written.filter((w, i) => !(i > 0 && /^\p{Lu}/u.test(w)));
  const content = unnamed.filter((w) => !ENGLISH_FUNCTION_WORDS.has(w.toLowerCase()));
  const known = content.filter((w) => terms(w).some(isDictionaryWord)).length;
  if (content.length > 0 && known / content.length > MAX_DICTIONARY_SHARE) return undefined;
  const guesses = detectAll(text);
  const top = guesses[0];
  if (!top || top.lang === 'en' || guesses.some((g) => g.lang === 'en' && g.accuracy >= top.accuracy / 2)) return undefined;
  // A confident detector is overruled only by a fair share of English function words (above);
  // an unsure one needs none at all, and a sentence rather than a couple of keywords ("quantum computing").
  // Sure means no English function word in a sentence of words that are not names: a string of
  // names ("Karakorum kurultai Ögedei Khan succession") lets the article try first.
  const sentence = unnamed.length >= 4;
  if (top.accuracy < CONFIDENT && !(share === 0 && sentence)) return undefined;
  return { language: nameOf(top.lang), sure: share === 0 && sentence };
}

function nameOf(code: string | undefined): string {
  if (!code) return 'another language';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Whether `article`'s details hold what the intent asks for. */
export function hasDetail(kind: 'author' | 'published' | 'origin', article: ArticleInfo): boolean {
  return Boolean(kind === 'author' ? article.author : kind === 'published' ? article.published : article.source || article.url);
}

/** The reply line for an intent answered from the article's details (`author`, `published`, `origin`). */
export function detailsLine(kind: 'author' | 'published' | 'origin', article: ArticleInfo): string {
  const title = `“${article.title}”`;
  const from = article.source ? ` It is from ${article.source}.` : '';
  switch (kind) {
    case 'author':
      return article.author
        ? `${title} is by ${article.author}.${from}`
        : `The article's details don't name an author.${from || ' Its source isn\u2019t given either.'}`;
    case 'published': {
      if (article.published) return `${title} was published ${/^\d/.test(article.published) ? 'on ' : ''}${article.published}.${from}`;
      return `The article's details don't give a publication date.${from}`;
    }
    case 'origin': {
      const parts: string[] = [];
      if (article.source) parts.push(`${title} is from ${article.source}.`);
      if (article.url) parts.push(`Link: ${article.url}`);
      if (parts.length === 0) return "The article's details don't say where it is from (no source or link).";
      return parts.join(' ');
    }
  }
}

/** What the bot says to thanks. */
export const THANKS_REPLY = "You're welcome. Ask another question about the article whenever you like.";

/** What the bot says to a question in another language. */
export function notEnglishLine(language: string): string {
  return `I read questions in English only, and this looks like ${language}. Please ask in English — the answers quote the article as written.`;
}
