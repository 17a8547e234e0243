/**
 * Which refused questions are content gaps a team can act on ("Taiwan": the article lacks it),
 * and which are not: the bot's own false refusals (every word is in the article), off-topic chat,
 * another language, typos, too little to go on. Judged when the log is read, from what it stores
 * (the question, its content words, the words the library lacked) and the library as it is now.
 */
import { foreignLanguage } from '../core/answer/intents.js';
import { isDictionaryWord } from '../core/lexicon/related.js';
import { terms as analyzedTerms } from '../core/text/analyzer.js';

/** What a refusal says about the article. */
export type GapKind = 'not_in_article' | 'not_understood' | 'off_topic' | 'other_language' | 'too_short';

/** A refused question, as the log keeps it. */
export interface RefusedQuestion {
  /** The words the library lacked when it was asked (all its words when the library held each). */
  missing: readonly string[];
  /** The question text; absent with STORE_QUESTIONS=0. */
  question?: string;
}

/** Decides the kind of a refused question. */
export type GapJudge = (refused: RefusedQuestion) => GapKind;

/** Plain-language headings of the kinds, for pages and terminals. */
export const GAP_KIND_LABELS: Readonly<Record<GapKind, string>> = {
  not_in_article: 'not in the article',
  not_understood: 'not understood (the article has the words)',
  off_topic: 'off-topic',
  other_language: 'another language',
  too_short: 'too short',
};

// Everyday chat that no article a team discusses is about: asking the bot for these is chatter,
// not a gap. Kept small on purpose; a word here only counts when the article lacks it too.
const SMALL_TALK = new Set(
  'weather forecast rain sunny temperature today tonight tomorrow yesterday weekend time clock lunch dinner breakfast coffee joke jokes movie movies song music game score recipe traffic birthday horoscope you'.split(
    ' ',
  ),
);

/**
 * The judge for a library. `inArticle(word)` says whether the library holds a word as written;
 * without it, only what the log alone shows is judged (language, length, small talk).
 */
export function gapJudge(inArticle?: (word: string) => boolean): GapJudge {
  return ({ missing, question }) => {
    const words = question === undefined ? [...missing] : (question.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []);
    if (missing.length === 0 || words.length === 0) return 'too_short';
    // One lower-case word ("ok", "hmm", "why"): nothing to look for. One name ("Taiwan?") is a question.
    if (question !== undefined && words.length === 1 && !/^\p{Lu}/u.test(words[0]!)) return 'too_short';
    if (question !== undefined && foreignLanguage(question) !== undefined) return 'other_language';
    // The core lists every word as missing when the library holds each: the article has the
    // words, the bot did not find the answer (a false refusal, or a question it cannot read).
    if (inArticle && missing.every(inArticle)) return 'not_understood';
    const absent = inArticle ? missing.filter((w) => !inArticle(w)) : [...missing];
    if (absent.some((w) => SMALL_TALK.has(w))) return 'off_topic';
    // A lower-case word that is in no dictionary and not in the article: most likely a typo.
    if (question !== undefined && absent.some((w) => typo(w, question))) return 'not_understood';
    return 'not_in_article';
  };
}

function typo(word: string, question: string): boolean {
  if (word.length < 4 || /\d/.test(word)) return false;
  // Written with a capital it may be a name, and names are in no dictionary.
  const written = (question.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).find((w) => w.toLowerCase() === word);
  if (written === undefined || /^\p{Lu}/u.test(written)) return false;
  return !analyzedTerms(word).some(isDictionaryWord);
}

/** `inArticle` for a library: a word is held when all of its analyzed terms are. */
export function heldBy(has: (term: string) => boolean): (word: string) => boolean {
  return (word) => {
    const t = analyzedTerms(word);
    return t.length > 0 && t.every(has);
  };
}
