/**
 * Questions → cited excerpts. Analysis of the question, the query with its equivalents and the
 * conversation's context, ranking, abstention, and the excerpts themselves.
 */
import type { ConversationState } from './conversation.js';
import type { Hit, Library, QueryTerm } from './library.js';
import { analyze } from './text/analyzer.js';
import { GREETING_WORDS, QUESTION_FRAME_WORDS, STOP_WORDS } from './text/stopwords.js';
import type { Citation, Range } from './types.js';

/** Weight of an equivalent (demonym, acronym, …) relative to the word typed. */
const EXPANSION_WEIGHT = 0.6;
/** Weight of another form of the word typed ("economic" for "economy"). */
const FORM_WEIGHT = 0.8;
/** Weight of a name, place, number or acronym of the question relative to its other words. */
const SALIENT_WEIGHT = 1.5;
/** Weight of the previous question's terms in a follow-up. */
const CONTEXT_WEIGHT = 0.5;
/**
 * Share of the question's weight (idf) that the best sentence must match; below it the article
 * is taken not to cover the question.
 */
const MIN_COVERAGE = 0.45;
/** Letters a library word may add to a typed one and still be the same word (plural, cut short). */
const SAME_WORD_EXTRA = 2;
/** Coverage credit of a word matched only as the start of a longer word or through a typo. */
const LOOSE_CREDIT = 0.5;
/** Further citations must score at least this share of the best one. */
const RELATIVE_SCORE_FLOOR = 0.6;
/** A greeting opening a question, with the bot's name or the room addressed. */
const LEADING_GREETING =
  /^\s*(?:(?:hi|hello|hey|heya|hiya|yo|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|thanks|thank\s+you)\b[\s,!.:;-]*)+(?:(?:pilcrow|bot|all|everyone|folks|team|there)\b[\s,!.:;-]*)?/i;
/** Questions whose answer is a name. */
const ASKS_FOR_NAME =
  /^\s*(?:who|whom|whose|which|where|name)\b|^\s*what\s+(?:company|companies|firm|firms|country|countries|nation|nations|organi[sz]ations?|person|people|city|cities|brand|brands|group|groups)\b/i;
/** Questions whose answer is a quantity. */
const ASKS_FOR_QUANTITY =
  /^\s*(?:how\s+(?:many|much|long|old|far|big|large|often|fast)|what\s+(?:percentage|share|proportion|number|amount|year|size)|when)\b/i;
/** Questions whose answer is a reason. */
const ASKS_FOR_REASON = /^\s*(?:why|how\s+come|what\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|purpose)s?)\b/i;
/** Score bonus per new name or quantity (up to three) for questions asking for one. */
const ANSWER_TYPE_BONUS = 0.15;
/** "more" offers sentences scoring at least this share of the best one. */
const MORE_SCORE_FLOOR = 0.2;
/** Sentences kept for "more": ten pages at most, so a conversation's state stays small. */
const MAX_RANKED = 30;
/** Citations in one reply. */
export const MAX_CITATIONS = 3;

/** Words that point back into the conversation ("why does *that* matter?"). */
const ANAPHORA = new Set([
  'it', 'its', 'that', 'this', 'these', 'those', 'they', 'them', 'their', 'theirs', 'there', 'he', 'she',
  'him', 'her', 'his', 'hers', 'latter', 'former', 'such', 'same', 'one', 'ones',
]);
/** Openings of a follow-up: "and Europe?", "what about …", "why?". */
const FOLLOW_UP_OPENING = /^\s*(?:and|but|so|also|then|what about|how about|and what about|why|how come|what else|anything else|really|who else)\b/i;

/** One word of the question that carries content. */
export interface QuestionTerm {
  term: string;
  /** As typed. */
  raw: string;
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

/** The outcome of answering, before it becomes a Reply. */
export type Outcome =
  | { kind: 'answered'; citations: Citation[]; state: ConversationState; hasMore: boolean }
  | { kind: 'not_covered'; message: string; state?: ConversationState }
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
    out.push({ term: t.term, raw: t.raw, salient: capitalized || acronym || /\d/.test(t.raw) });
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
  constructor(private readonly library: Library) {}

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
    const own = this.queryTerms(parsed.terms);
    const scope = articleIndex ?? previous?.articleIndex;

    // Salient words the article lacks entirely: it does not cover the question.
    for (const q of parsed.terms) {
      const places = this.library.expansions.places.has(q.term);
      if ((q.salient || places) && !this.covers(q.term, own)) {
        return { kind: 'not_covered', message: `The article doesn't mention ${cleanForMessage(q.raw)}.` };
      }
    }

    const isFollowUp = previous !== undefined && (parsed.followUp || parsed.terms.length <= 2);
    const context = isFollowUp ? previous.lastTerms.map((t) => ({ ...t, weight: t.weight * CONTEXT_WEIGHT, prefix: false, fuzzy: false })) : [];
    // The context ranks; the question's own words select: "and the batteries?" after a question
    // on Samsung wants sentences on batteries, the Samsung ones first.
    const ownTerms = new Set(own.map((t) => t.term));
    // Words in a tenth of a large library barely rank and cost the most to search: leave them
    // out (they still count as found) unless nothing else is left.
    const rare = own.filter((t) => !this.library.isUbiquitous(t.term));
    const searched = rare.length > 0 ? rare : own;
    const hits = this.rankForAnswerType(text, this.library.search([...searched, ...context], scope)).filter(
      (h) => context.length === 0 || h.queryTerms.some((t) => ownTerms.has(t)),
    );

    const coverage = hits.length > 0 ? this.coverage(parsed.terms, own, hits[0]!) : 0;
    if (hits.length === 0 || coverage < MIN_COVERAGE) {
      // "what did they get in return?": nothing of its own matches, so it continues the last
      // answer. "What about climate change?" brings a subject of its own: not covered.
      if (isFollowUp && parsed.anaphoric && previous) return this.continuation(text, previous);
      return { kind: 'not_covered', message: "The article doesn't cover that." };
    }

    const best = hits[0]!.score;
    // "more" pages through what still bears on the question, not every sentence sharing a word.
    const ranked = hits
      .filter((h) => h.score >= best * MORE_SCORE_FLOOR)
      .slice(0, MAX_RANKED)
      .map((h) => h.sentenceId);
    const state: ConversationState = {
      lastTerms: own,
      lastQuestion: text,
      ranked,
      shown: [],
      ...(scope === undefined ? {} : { articleIndex: scope }),
    };
    const eligible = hits.filter((h) => h.score >= best * RELATIVE_SCORE_FLOOR);
    // In a follow-up, what the last answer showed is not offered again beside the new answer.
    const avoid = isFollowUp ? new Set(previous.shown) : undefined;
    const citations = this.cite(eligible, state, matchedTermsOf(hits), avoid);
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0 };
  }

  /**
   * "Who …?", "Which company …?" ask for a name, "How many …?" for a quantity, "Why …?" for a
   * reason: among sentences matching as well, prefer those that bring names (numbers, words of
   * reason) the question does not hold.
   */
  private rankForAnswerType(text: string, hits: Hit[]): Hit[] {
    const wants = ASKS_FOR_NAME.test(text)
      ? 'names'
      : ASKS_FOR_QUANTITY.test(text)
        ? 'quantities'
        : ASKS_FOR_REASON.test(text)
          ? 'reasons'
          : undefined;
    if (wants === undefined || hits.length === 0) return hits;
    // Hits that even the largest bonus cannot lift to the "more" floor keep their order unscored.
    const reach = (hits[0]!.score * MORE_SCORE_FLOOR) / (1 + ANSWER_TYPE_BONUS * 3);
    const contenders = hits.filter((h) => h.score >= reach);
    const rest = hits.slice(contenders.length);
    const rescored = contenders
      .map((h) => {
        const known = new Set(h.docTerms);
        const fresh = this.library.sentences[h.sentenceId]![wants].filter((n) => !known.has(n)).length;
        return { ...h, score: h.score * (1 + ANSWER_TYPE_BONUS * Math.min(3, fresh)) };
      })
      .sort((a, b) => b.score - a.score);
    return [...rescored, ...rest];
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
    const byId = new Map(hits.map((h) => [h.sentenceId, h]));
    const next = rest.map((id) => byId.get(id)).filter((h): h is Hit => h !== undefined);
    const citations = this.cite(next, state, matchedTermsOf(hits));
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0 };
  }

  /** Sentences of the ranking not shown yet. */
  private remaining(state: ConversationState): number[] {
    const shown = new Set(state.shown);
    return state.ranked.filter((id) => !shown.has(id));
  }

  /** The text right after the last excerpt: "why does that matter?", "what does the editorial say about that?". */
  private continuation(text: string, previous: ConversationState): Outcome {
    const sentences = this.library.sentences;
    const last = previous.lastExcerpt?.sentenceIds.at(-1);
    const shown = new Set(previous.shown);
    let next = last === undefined ? undefined : last + 1;
    // The first sentence after it not shown yet, in the same article.
    while (next !== undefined && next < sentences.length && shown.has(next)) next++;
    if (next === undefined || next >= sentences.length || sentences[next]!.article !== sentences[last!]!.article) {
      return { kind: 'not_covered', message: "The article doesn't say more about that." };
    }
    const state: ConversationState = { ...previous, shown: [...previous.shown], lastQuestion: text };
    const terms = new Set(previous.lastTerms.map((t) => t.term));
    const citations = this.cite([{ sentenceId: next, score: 1, docTerms: [...terms], queryTerms: [] }], state, terms);
    return { kind: 'answered', citations, state, hasMore: this.remaining(state).length > 0 };
  }

  /** The question's terms with their equivalents, weighted. */
  private queryTerms(terms: readonly QuestionTerm[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    const ex = this.library.expansions;
    for (const q of terms) {
      // A name in the question is usually its subject ("What did the president say about Afghanistan?").
      // Equivalents the library does not hold cannot match: leave them out of the search.
      const equivalents = [...ex.of(q.term)].filter((e) => this.library.has(e));
      // "economy" asked, "economic" written: forms the stemmer keeps apart count as the word.
      const forms = this.library.has(q.term) ? [] : this.library.relatedForms(q.term);
      out.push(this.library.typed(q.term, q.salient ? SALIENT_WEIGHT : 1, equivalents.length + forms.length > 0));
      for (const f of forms) out.push({ term: f, weight: FORM_WEIGHT, source: q.term, prefix: false });
      for (const e of equivalents) out.push({ term: e, weight: EXPANSION_WEIGHT, source: q.term, prefix: false });
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
    if (lib.has(term)) return true;
    // A city is not covered by its country: "weather in Tokyo" is not about Japan.
    if (!ex.capitals.has(term)) {
      const longForms = ex.longFormsOf(term);
      const longTerms = new Set(longForms.flat());
      for (const e of ex.of(term)) if (!longTerms.has(e) && lib.has(e)) return true;
      if (longForms.some((form) => form.every((t) => lib.has(t)))) return true;
    }
    // A name that starts with the word counts only as its inflection: "Intel" is not "Intellectual".
    const nameLike = (d: string) => lib.isName(d) && (!d.startsWith(term) || d.length - term.length <= 2);
    return lib.search(query.filter((v) => v.term === term)).some((h) => h.docTerms.some(nameLike));
  }

  /** Share of the question's idf weight matched by one hit. */
  private coverage(terms: readonly QuestionTerm[], query: readonly QueryTerm[], hit: Hit): number {
    const matched = new Set(hit.queryTerms);
    const docTerms = new Set(hit.docTerms);
    let total = 0;
    let got = 0;
    for (const q of terms) {
      const variants = query.filter((v) => v.source === q.term);
      const known = variants.filter((v) => this.library.has(v.term));
      const idf = known.length > 0 ? Math.min(...known.map((v) => this.library.idf(v.term))) : this.library.idf(q.term);
      const weight = q.salient ? idf * SALIENT_WEIGHT : idf;
      total += weight;
      if (this.library.isUbiquitous(q.term)) {
        got += weight;
        continue;
      }
      if (!variants.some((v) => matched.has(v.term))) continue;
      // Exact and equivalent matches count whole, and so does the same word cut short ("samsun"
      // for "samsung"); a longer word ("elect" → "electrolyser") or a typo ("stock" → "shock") half.
      const solid =
        variants.some((v) => docTerms.has(v.term)) ||
        hit.docTerms.some((d) => d.startsWith(q.term) && d.length - q.term.length <= SAME_WORD_EXTRA);
      got += solid ? weight : weight * LOOSE_CREDIT;
    }
    return total === 0 ? 0 : got / total;
  }

  /** Up to MAX_CITATIONS excerpts from `hits`, skipping sentences already shown; updates `state`. */
  private cite(hits: readonly Hit[], state: ConversationState, docTerms: ReadonlySet<string>, avoid?: ReadonlySet<number>): Citation[] {
    const shown = new Set(state.shown);
    const citations: Citation[] = [];
    for (const hit of hits) {
      if (citations.length >= MAX_CITATIONS) break;
      if (shown.has(hit.sentenceId)) continue;
      if (citations.length > 0 && avoid?.has(hit.sentenceId)) continue;
      const ids = this.excerptSentences(hit.sentenceId).filter((id) => !shown.has(id) || id === hit.sentenceId);
      for (const id of ids) shown.add(id);
      const citation = this.citation(ids, docTerms);
      citations.push(citation);
      if (citations.length === 1) state.lastExcerpt = { sentenceIds: ids };
    }
    state.shown = [...shown];
    return citations;
  }

  /** The sentence, with a neighbour when it does not stand alone. Ids in text order. */
  private excerptSentences(sentenceId: number): number[] {
    const { first, last } = this.library.sentences[sentenceId]!.unit;
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }

  /** A citation covering consecutive sentences of one paragraph. */
  private citation(sentenceIds: readonly number[], docTerms: ReadonlySet<string>): Citation {
    const first = this.library.sentences[sentenceIds[0]!]!;
    const last = this.library.sentences[sentenceIds[sentenceIds.length - 1]!]!;
    const paragraph = this.library.paragraphOf(first);
    const start = paragraph.sentences[first.sentence]!.start;
    const end = paragraph.sentences[last.sentence]!.end;
    return makeCitation(this.library, first.article, paragraph.number, start, end, docTerms);
  }
}

/** Builds a citation of `paragraphs[number-1].text.slice(start, end)` with highlights of `docTerms`. */
export function makeCitation(
  library: Library,
  articleIndex: number,
  paragraphNumber: number,
  start: number,
  end: number,
  docTerms: ReadonlySet<string>,
): Citation {
  const article = library.articles[articleIndex]!;
  const paragraph = article.paragraphs[paragraphNumber - 1]!;
  const excerpt = paragraph.text.slice(start, end);
  return {
    articleId: article.info.id,
    paragraph: paragraphNumber,
    label: library.articles.length > 1 ? `${article.info.id} ¶${paragraphNumber}` : `¶${paragraphNumber}`,
    excerpt,
    start,
    end,
    highlights: highlight(excerpt, docTerms),
    ...(paragraph.section ? { section: paragraph.section } : {}),
  };
}

/** Ranges of the words of `text` whose term is in `docTerms`. */
export function highlight(text: string, docTerms: ReadonlySet<string>): Range[] {
  if (docTerms.size === 0) return [];
  return analyze(text)
    .filter((t) => t.term !== null && docTerms.has(t.term))
    .map((t) => ({ start: t.start, end: t.end }));
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
