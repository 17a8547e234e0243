/**
 * Questions → cited excerpts. Analysis of the question, the query with its equivalents and the
 * conversation's context, ranking, abstention, and the excerpts themselves.
 */
import type { ConversationState } from '../bot/conversation.js';
import type { Library } from '../search/library.js';
import type { QueryTerm } from '../search/types.js';
import type { Hit } from '../search/types.js';
import { ABSTENTION_MODEL, coveredProbability } from './abstention.js';
import questionWords from './question-words.json' with { type: 'json' };
import { coverage, FEATURES, rank, sourcesOf, type Candidate } from './ranking.js';
import { answerTypeOf, asksForTime, type Wanted, wantedOf } from './wants.js';
import { type RankingQuestion } from './features.js';
import { citationOrder, citeSentences, closeNeighbour, excerptOf } from './excerpts.js';
import { relatedTerms } from '../lexicon/related.js';
import { ROLE_WORDS } from '../lexicon/roles.js';
import { analyze } from '../text/analyzer.js';
import { GREETING_WORDS, QUESTION_FRAME_WORDS, STOP_WORDS } from '../text/stopwords.js';
import type { Citation } from '../types.js';

/** Weight of an equivalent (demonym, acronym, …) relative to the word typed. */
const EXPANSION_WEIGHT = 0.6;
/** Weight of another form of the word typed ("economic" for "economy"). */
const FORM_WEIGHT = 0.8;
/** Weight of a WordNet related word ("death" for "die"): enough to find the passage, not to outrank the words typed. */
const RELATED_WEIGHT = 0.3;
/** Related words searched per word asked, at most. */
const MAX_RELATED = 4;
/** A related word in more than this share of a large library's sentences is not searched. */
const RELATED_COMMON_SHARE = 0.005;
/** Weight of a name, place, number or acronym of the question relative to its other words. */
const SALIENT_WEIGHT = 1.5;
/** Weight of the previous question's terms in a follow-up. */
const CONTEXT_WEIGHT = 0.5;
/** A greeting opening a question, with the bot's name or the room addressed. */
const LEADING_GREETING =
  /^\s*(?:(?:hi|hello|hey|heya|hiya|yo|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|thanks|thank\s+you)\b[\s,!.:;-]*)+(?:(?:pilcrow|bot|all|everyone|folks|team|there)\b[\s,!.:;-]*)?/i;
/** Learned weights of the words questions are framed with (`npm run calibrate`). */
const QUESTION_WORDS: Readonly<Record<string, number>> = questionWords;
/** "more" offers sentences scoring at least this share of the best one. */
const MORE_SCORE_FLOOR = 0.2;
/** Sentences kept for "more": ten pages at most, so a conversation's state stays small. */
const MAX_RANKED = 30;
/** No words. */
const NONE: readonly string[] = [];
/** Citations in one reply. */
export const MAX_CITATIONS = 3;

/** Words that point back into the conversation ("why does *that* matter?"). */
const ANAPHORA = new Set([
  'it',
  'its',
  'that',
  'this',
  'these',
  'those',
  'they',
  'them',
  'their',
  'theirs',
  'there',
  'he',
  'she',
  'him',
  'her',
  'his',
  'hers',
  'latter',
  'former',
  'such',
  'same',
  'one',
  'ones',
]);
/** Openings of a follow-up: "and Europe?", "what about …", "why?". */
const FOLLOW_UP_OPENING = /^\s*(?:and|but|so|also|then|what about|how about|and what about|why|how come|what else|anything else|really|who else)\b/i;

/** One word of the question that carries content. */
export interface QuestionTerm {
  term: string;
  /** As typed. */
  raw: string;
  /** Folded and lower-cased, not stemmed. */
  word: string;
  /** A name, place, number or acronym: if the article lacks it, the article does not cover the question. */
  salient: boolean;
}

/** What the analysis made of a question. */
export interface ParsedQuestion {
  terms: QuestionTerm[];
  /** Only greetings and thanks. */
  greeting: boolean;
  /** Points back into the conversation. */
  followUp: boolean;
  /** Holds a pronoun pointing back ("they", "that"): with nothing else matching, it continues the last answer. */
  anaphoric: boolean;
}

/** What `Answerer.assess` found for a question, before deciding. */
export interface Assessment {
  /** The question's own query terms, with equivalents. */
  own: QueryTerm[];
  articleIndex: number | undefined;
  isFollowUp: boolean;
  /** Candidate sentences, best first. */
  candidates: Candidate[];
  /** The first name, place or number of the question the library lacks. */
  missing: QuestionTerm | undefined;
  /** A person or body asked about by role ("the mayor") that the library never mentions: not covered. */
  missingRole: QuestionTerm | undefined;
  /** The abstention model's features (`ABSTENTION_FEATURES`). */
  abstention: number[];
}

/** The outcome of answering, before it becomes a Reply. */
export type Outcome =
  | { kind: 'answered'; citations: Citation[]; state: ConversationState; hasMore: boolean; parsed?: ParsedQuestion }
  | { kind: 'not_covered'; message: string; state?: ConversationState; parsed?: ParsedQuestion }
  | { kind: 'greeting' }
  | { kind: 'no_question'; message: string };

/** Reads a question: its content terms, whether it greets, whether it follows up. */
export function parseQuestion(text: string): ParsedQuestion {
  // "Good morning Pilcrow, what is YMTC?": the greeting is not part of the question.
  const withoutGreeting = text.replace(LEADING_GREETING, '');
  const tokens = analyze(withoutGreeting.trim() === '' ? text : withoutGreeting);
  const out: QuestionTerm[] = [];
  let greetingWords = 0;
  let other = 0;
  let anaphoric = false;
  tokens.forEach((t, i) => {
    if (GREETING_WORDS.has(t.word)) greetingWords++;
    else if (!STOP_WORDS.has(t.word)) other++;
    if (ANAPHORA.has(t.word)) anaphoric = true;
    if (t.term === null || QUESTION_FRAME_WORDS.has(t.word) || QUESTION_FRAME_WORDS.has(t.term)) return;
    const capitalized = /^\p{Lu}/u.test(t.raw) && i > 0;
    const acronym = /^[\p{Lu}\d]{2,}s?$/u.test(t.raw) && /\p{Lu}/u.test(t.raw);
    out.push({ term: t.term, raw: t.raw, word: t.word, salient: capitalized || acronym || /\d/.test(t.raw) });
  });
  return {
    terms: out,
    greeting: greetingWords > 0 && other === 0,
    followUp: anaphoric || FOLLOW_UP_OPENING.test(text),
    anaphoric,
  };
}

/** Answers questions over one library. Stateless: the conversation state comes in and goes out. */
export class Answerer {
  /**
   * `questionWords`: weights of the words questions are framed with ("type", "name"), below 1;
   * by default the ones learned by `npm run calibrate`.
   */
  constructor(
    private readonly library: Library,
    private readonly questionWords: Readonly<Record<string, number>> = QUESTION_WORDS,
  ) {}

  /** How much a word of the question counts: less for the words questions are framed with. */
  private wordWeight(q: QuestionTerm): number {
    return q.salient ? SALIENT_WEIGHT : (this.questionWords[q.term] ?? 1);
  }

  /**
   * Answers `text` given the conversation's previous state.
   * `articleIndex` restricts the answer to one article.
   */
  answer(text: string, previous: ConversationState | undefined, articleIndex?: number): Outcome {
    const parsed = parseQuestion(text);
    if (parsed.greeting) return { kind: 'greeting' };
    if (parsed.terms.length === 0) {
      if (previous && parsed.followUp) return this.continuation(text, previous);
      return { kind: 'no_question', message: "I couldn't find a question in that. Ask about the article, or say help." };
    }
    const a = this.assess(text, parsed, previous, articleIndex);
    const hits = a.candidates;
    if (hits.length === 0 || a.missingRole || coveredProbability(ABSTENTION_MODEL, a.abstention) < ABSTENTION_MODEL.threshold) {
      // "what did they get in return?": nothing of its own matches, so it continues the last
      // answer. "What about climate change?" brings a subject of its own: not covered.
      if (a.isFollowUp && parsed.anaphoric && previous) return this.continuation(text, previous);
      // A name, place or number the article lacks is the likely reason: say which.
      const message = a.missingRole
        ? `The article doesn't mention the ${cleanForMessage(a.missingRole.raw)}.`
        : a.missing
          ? `The article doesn't mention ${cleanForMessage(a.missing.raw)}.`
          : "The article doesn't cover that.";
      return { kind: 'not_covered', message, parsed };
    }
    const best = hits[0]!.score;
    const worst = hits.at(-1)!.score;
    // Scores are the model's, on no fixed scale: floors are shares of the span from the weakest
    // candidate to the best. "more" pages through what still bears on the question, not every
    // sentence sharing a word.
    const moreFloor = worst + (best - worst) * MORE_SCORE_FLOOR;
    const ranked = hits
      .filter((h) => h.score >= moreFloor)
      .slice(0, MAX_RANKED)
      .map((h) => h.id);
    // The state keeps copies of the query's terms: when it kept the terms themselves, nearly all
    // of them outlived a collection, and V8 then made every query term in the old generation
    // (allocation-site pretenuring), about 3 % of an answer; the copies cost 1 %.
    const state: ConversationState = { lastTerms: a.own.map((t) => ({ ...t })), lastQuestion: text, ranked, shown: [] };
    if (a.articleIndex !== undefined) state.articleIndex = a.articleIndex;
    const eligible = citationOrder(this.library, hits);
    // In a follow-up, what the last answer showed is not offered again beside the new answer.
    const avoid = a.isFollowUp && previous ? new Set(previous.shown) : undefined;
    const citations = this.cite(eligible, state, matchedTermsOf(hits), avoid, wantedOf(text), closeNeighbour(this.library, hits));
    // The question's reading goes with the outcome: the question log uses it, never reading it again.
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0, parsed };
  }

  /**
   * Everything the decision rests on, before it is made: the ranked candidates and the
   * abstention model's features. `npm run calibrate` fits both models on these.
   */
  assess(text: string, parsed: ParsedQuestion, previous: ConversationState | undefined, asked?: number): Assessment {
    const own = this.queryTerms(parsed.terms);
    const articleIndex = asked ?? previous?.articleIndex;
    const isFollowUp = previous !== undefined && (parsed.followUp || parsed.terms.length <= 2);
    const context = isFollowUp ? previous.lastTerms.map((t) => ({ ...t, weight: t.weight * CONTEXT_WEIGHT, prefix: false, fuzzy: false })) : [];
    // The context ranks; the question's own words select: "and the batteries?" after a question
    // on Samsung wants sentences on batteries, the Samsung ones first.
    const ownTerms = new Set(own.map((t) => t.term));
    // Words in a tenth of a large library barely rank and cost the most to search: leave them
    // out (they still count as found) unless nothing else is left.
    const rare = own.filter((t) => !this.library.isUbiquitous(t.term));
    const searched = rare.length > 0 ? rare : own;
    const query = [...searched, ...context];
    const question = this.rankingQuestion(text, parsed.terms, own);
    const found = this.library.search(query, articleIndex);
    const candidates = rank(this.library, question, found, this.library.searchParagraphs(query, found, articleIndex)).filter(
      (h) => context.length === 0 || h.queryTerms.some((t) => ownTerms.has(t)),
    );

    // Names, places and numbers the library lacks entirely.
    let missing: QuestionTerm | undefined;
    let missingWeight = 0;
    for (const q of parsed.terms) {
      const places = this.library.expansions.places.has(q.term);
      if ((q.salient || places) && !this.covers(q.term, own)) {
        missing ??= q;
        missingWeight += question.weights.get(q.term) ?? 0;
      }
    }
    // A role the question asks about ("the mayor", "the union") that the article never mentions: on
    // SQuAD, 2 of about 9,000 answerable questions have one, 49 of the questions from other articles do.
    const missingRole = parsed.terms.find((q) => ROLE_WORDS.has(q.word) && !this.covers(q.term, own));
    const totalWeight = [...question.weights.values()].reduce((x, y) => x + y, 0) || 1;
    // Whether the article covers the question is judged on the question's own words, as the
    // model was fitted: a follow-up's context must not lift "What is the weather in Tokyo?".
    let judged = { found, candidates };
    if (context.length > 0) {
      const ownFound = this.library.search(searched, articleIndex);
      judged = { found: ownFound, candidates: rank(this.library, question, ownFound, this.library.searchParagraphs(searched, ownFound, articleIndex)) };
    }
    const top = judged.candidates[0];
    const topRaw = judged.found.reduce((m, h) => Math.max(m, h.score), 0);
    const abstention = [
      top ? top.features[FEATURES.indexOf('coverage')]! : 0,
      top ? top.features[FEATURES.indexOf('paragraphCoverage')]! : 0,
      coverage(question, judged.found, totalWeight),
      missingWeight / totalWeight,
      top ? top.score : 0,
      topRaw / totalWeight,
      Math.log(1 + parsed.terms.length),
      top ? top.features[FEATURES.indexOf('related')]! : 0,
    ];
    return { own, articleIndex, isFollowUp, candidates, missing, missingRole, abstention };
  }

  /** The question as the ranking sees it: its terms in order, their weights, what it asks for. */
  private rankingQuestion(text: string, terms: readonly QuestionTerm[], query: readonly QueryTerm[]): RankingQuestion {
    // A word's idf is the lowest of the query terms standing for it that the library holds: one pass over the query.
    const lowest = new Map<string, number>();
    for (const v of query) {
      if (!this.library.has(v.term)) continue;
      const idf = this.library.idf(v.term);
      const before = lowest.get(v.source);
      if (before === undefined || idf < before) lowest.set(v.source, idf);
    }
    const weights = new Map<string, number>();
    for (const q of terms) {
      if (weights.has(q.term)) continue;
      weights.set(q.term, (lowest.get(q.term) ?? this.library.idf(q.term)) * this.wordWeight(q));
    }
    return {
      sequence: terms.map((t) => t.term),
      words: new Map(terms.map((t) => [t.term, t.word])),
      weights,
      sources: sourcesOf(query),
      related: new Set(query.filter((q) => q.related).map((q) => q.term)),
      wants: answerTypeOf(text),
      wantsTime: asksForTime(text),
    };
  }

  /** The next excerpts of the last question ("more"). */
  more(previous: ConversationState | undefined): Outcome {
    if (!previous || previous.ranked.length === 0) {
      return { kind: 'no_question', message: 'Ask a question first; "more" then gives its next excerpts.' };
    }
    const rest = this.remaining(previous);
    if (rest.length === 0) return { kind: 'no_question', message: 'That is all the article has on it.' };
    const state: ConversationState = { ...previous, shown: [...previous.shown] };
    const hits = this.library.search(previous.lastTerms, previous.articleIndex);
    const byId = new Map(hits.map((h) => [h.id, h]));
    // A discussion answer ranks sentences by their role, not by words: those are cited as ranked.
    const next = rest.map((id): Hit => byId.get(id) ?? { id: id, score: 0, docTerms: NONE, queryTerms: NONE });
    const citations = this.cite(next, state, matchedTermsOf(hits));
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0 };
  }

  /** Sentences of the ranking not shown yet. */
  private remaining(state: ConversationState): number[] {
    const shown = new Set(state.shown);
    return state.ranked.filter((id) => !shown.has(id));
  }

  /** The text right after the last excerpt: "why does that matter?", "what does the editorial say about that?". */
  continuation(text: string, previous: ConversationState): Outcome {
    const sentences = this.library.sentences;
    const last = previous.lastExcerpt?.sentenceIds.at(-1);
    const shown = new Set(previous.shown);
    let next = last === undefined ? undefined : last + 1;
    // The first sentence after it not shown yet, in the same article.
    while (next !== undefined && next < sentences.length && shown.has(next)) next++;
    if (next === undefined || next >= sentences.length || sentences[next]!.articleIndex !== sentences[last!]!.articleIndex) {
      return { kind: 'not_covered', message: "The article doesn't say more about that." };
    }
    const state: ConversationState = { ...previous, shown: [...previous.shown], lastQuestion: text };
    const terms = new Set(previous.lastTerms.map((t) => t.term));
    const citations = this.cite([{ id: next, score: 1, docTerms: [...terms], queryTerms: [] }], state, terms);
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0 };
  }

  /** The question's terms with their equivalents, weighted. */
  private queryTerms(terms: readonly QuestionTerm[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    const ex = this.library.expansions;
    // A word the question asks itself is never only a related word of another.
    const asked = new Set(terms.map((t) => t.term));
    for (const q of terms) {
      // A name in the question is usually its subject ("What did the president say about Afghanistan?").
      // Equivalents the library does not hold cannot match: leave them out of the search.
      const equivalents: string[] = [];
      for (const e of ex.of(q.term)) if (this.library.has(e)) equivalents.push(e);
      for (const e of this.library.decadeYears(q.term)) if (this.library.has(e)) equivalents.push(e);
      // "economy" asked, "economic" written: forms the stemmer keeps apart count as the word.
      const forms = this.library.has(q.term) ? NONE : this.library.relatedForms(q.term).concat(this.library.transpositions(q.term));
      const w = this.wordWeight(q);
      out.push(this.library.typed(q.term, w, equivalents.length + forms.length > 0));
      for (const f of forms) out.push({ term: f, weight: FORM_WEIGHT * Math.min(1, w), source: q.term, prefix: false });
      for (const e of equivalents) out.push({ term: e, weight: EXPANSION_WEIGHT * Math.min(1, w), source: q.term, prefix: false });
      // Names are asked as written; ordinary words may be asked in other words than the article's.
      // A related word frequent in a large library ("nation" in the addresses) finds nothing in
      // particular and costs the most to search; the first senses' words come first.
      if (q.salient) continue;
      let related = 0;
      for (const r of relatedTerms(q.term)) {
        if (related === MAX_RELATED) break;
        if (!asked.has(r) && this.library.has(r) && !this.library.isCommon(r, RELATED_COMMON_SHARE) && !equivalents.includes(r) && !forms.includes(r)) {
          out.push({ term: r, weight: RELATED_WEIGHT * Math.min(1, w), source: q.term, prefix: false, related: true });
          related++;
        }
      }
    }
    // "artificial intelligence" in the question also looks for "AI".
    const sequence = terms.map((t) => t.term);
    for (const short of ex.shortFormsIn(sequence)) {
      if (this.library.has(short)) out.push({ term: short, weight: EXPANSION_WEIGHT, source: short, prefix: false });
    }
    return out;
  }

  /**
   * Whether the library has the name `term`: itself, an equivalent (a long form only when all its
   * words are there: "GDP" is not covered by "production"), or a misspelling of one of the
   * library's own names ("Samsun"). A loose match on an ordinary word does not count: "Apple" is
   * not covered by "applications", nor "India" by "indicate"; nor does a longer name: "Intel" is
   * not "Intellectual".
   */
  private covers(term: string, query: readonly QueryTerm[]): boolean {
    const lib = this.library;
    const ex = lib.expansions;
    if (lib.has(term) || lib.decadeYears(term).length > 0 || lib.transpositions(term).length > 0) return true;
    // A city is not covered by its country: "weather in Tokyo" is not about Japan.
    if (!ex.capitals.has(term)) {
      const longForms = ex.longFormsOf(term);
      const longTerms = new Set(longForms.flat());
      for (const e of ex.of(term)) if (!longTerms.has(e) && lib.has(e)) return true;
      if (longForms.some((form) => form.every((t) => lib.has(t)))) return true;
    }
    // A name that starts with the word counts only as its inflection: "Intel" is not "Intellectual".
    return lib
      .search(query.filter((v) => v.term === term))
      .some((h) => h.docTerms.some((d) => lib.isName(d) && (!d.startsWith(term) || d.length - term.length <= 2)));
  }

  /** Up to MAX_CITATIONS excerpts from `hits`, skipping sentences already shown; updates `state`. */
  private cite(
    hits: readonly Hit[],
    state: ConversationState,
    docTerms: ReadonlySet<string>,
    avoid?: ReadonlySet<number>,
    wants?: Wanted,
    neighbour?: number,
  ): Citation[] {
    const shown = new Set(state.shown);
    const citations: Citation[] = [];
    for (const hit of hits) {
      if (citations.length >= MAX_CITATIONS) break;
      if (shown.has(hit.id)) continue;
      if (citations.length > 0 && avoid?.has(hit.id)) continue;
      // The first excerpt takes in the sentence beside it where the answer may be.
      const ids = excerptOf(this.library, hit, shown, citations.length === 0 ? { neighbour, wants } : undefined);
      for (const id of ids) shown.add(id);
      const citation = citeSentences(this.library, ids, docTerms);
      citations.push(citation);
      if (citations.length === 1) state.lastExcerpt = { sentenceIds: ids };
    }
    state.shown = [...shown];
    return citations;
  }
}

function matchedTermsOf(hits: readonly Hit[]): Set<string> {
  const out = new Set<string>();
  for (const h of hits.slice(0, 10)) for (const t of h.docTerms) out.add(t);
  return out;
}

// Echoed words are shown in a message: keep them short and free of markup characters.
function cleanForMessage(raw: string): string {
  return raw.replace(/[^\p{L}\p{N}'’ -]/gu, '').slice(0, 40);
}
