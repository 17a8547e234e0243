/**
 * Claim checks: "Does the article say that X?", "Is it true that X?", `check X`. The claim is
 * looked up like a question; the best excerpts are then read against it word by word. The verdict:
 * - `supported`: an excerpt holds the claim's words (names and numbers all of them), with the same
 *   direction and polarity;
 * - `partly`: the article covers it, but a name, number, direction or negation differs — the
 *   excerpt shows what the article says instead;
 * - `not-found`: the article does not cover it.
 */
import { parseQuestion, type Answerer, type QuestionTerm } from '../answer/answerer.js';
import { citeSentences, sentenceRange } from '../answer/excerpts.js';
import type { ConversationState } from '../bot/conversation.js';
import type { Library } from '../search/library.js';
import type { Hit, QueryTerm } from '../search/types.js';
import { analyze, terms } from '../text/analyzer.js';
import type { Citation, Verdict } from '../types.js';
import { authorNames, authorPattern, withAuthorNamed, WORK_OPENING } from './questions.js';
import { CONCESSION, type ArgumentMap } from './roles.js';
import { asWritten, numberHeld, numbersOf, QUANTITY_WORD } from './quantities.js';
import { comparisonSwapped, directionSwapped } from './relations.js';
import { sideAsked, sideJudged, stanceClaim } from './stance.js';
import { OPPOSITE_STEMS, plainWords, SAME_DIRECTION, stemOf, stemsOf } from './directions.js';

/** Share of the claim's weight an excerpt must hold to support it. */
const SUPPORTED_COVERAGE = 0.66;
/** Share of the claim's weight the article must hold to cover it at all. */
const COVERED_COVERAGE = 0.4;
/** Weight of a name or number of the claim relative to its other words. */
const SALIENT_WEIGHT = 1.5;
/** Share of the weight of a claim's ordinary words (not its names or numbers) an excerpt must hold to cover it. */
const PLAIN_COVERAGE = 0.4;
/** Share of a stance claim's subject a sentence must name to be where the author takes a side on it. */
const STANCE_OVERLAP = 0.5;
/** Share of a stance claim's subject a sentence must name for its sentiment words to decide the author's side. */
const JUDGED_OVERLAP = 0.75;
/** The words of taking a side, which the sentence deciding a stance claim need not share with it. */
const SIDE_WORD = /^(?:keep|kept|scrap|pass|support|oppos|back|reject|approv|adopt|drop|abandon|stop|cancel|repeal|fund|build|extend|expand|should|must)/;
/** Candidates read against the claim. */
const CANDIDATES_READ = 5;
/** Share of the claim's weight a covering excerpt needs when no single word of it differs. */
const UNEXPLAINED_COVERAGE = 0.55;
/** "The author thinks …", "the editorial says …": a claim about what the article holds. */
const ABOUT_THE_ARTICLE = new RegExp(
  String.raw`${WORK_OPENING}(?:says?|said|claims?|claimed|states?|argues?|argued|reports?|reported|thinks?|believes?|wants?|holds?|contends?|insists?|suggests?|writes?|wrote|notes?|maintains?|feels?|admits?|concedes?|acknowledges?|grants?|agrees?|warns?|calls?\s+for|supports?|opposes?|favou?rs?|rejects?|is\s+(?:for|against|in\s+favou?r\s+of|opposed\s+to))\s+(?:that\s+)?`,
  'i',
);
/** A claim that the author (not someone else) holds a view: its excerpt must be in the author's voice. */
const AUTHOR_STANCE = new RegExp(String.raw`${WORK_OPENING}(?!says?\b|said\b|reports?\b|reported\b|notes?\b|writes?\b|wrote\b|states?\b)`, 'i');
/** "The author admits / concedes / agrees that …": a point granted, which a concession backs. */
const ADMITS = new RegExp(String.raw`${WORK_OPENING}(?:admits?|concedes?|acknowledges?|grants?|agrees?)\b`, 'i');
/** The roles in which a sentence states the author's own view. */
const AUTHOR_VOICE: ReadonlySet<string> = new Set(['thesis', 'conclusion', 'claim', 'evaluation', 'reply']);
/** Share of an article's paragraphs a name must appear in to be its setting ("Corliss" in a piece on Corliss). */
const SETTING_SHARE = 0.3;
/** Weight of a word found only as a related word (WordNet) of the claim's. */
const RELATED_CREDIT = 0.5;

/** A sentence that opens by pointing back at the one before ("Vacancies there fell by half", "It …"). */
const POINTS_BACK = /^(?:\S+\s+)?(?:there|they|it|its|their|this|that|these|those|he|she|his|her|the\s+(?:move|deal|change|figure|result|plan|policy))\b/i;

const NEGATORS = new Set(['not', 'no', 'never', 'none', 'neither', 'nor', 'without', 'nothing', 'nobody', 'cannot']);

/** What the check found. */
export interface ClaimCheck {
  verdict: Verdict;
  /** The plain verdict line the reply leads with. */
  message: string;
  /** The deciding excerpts, best first (none for `not-found`). */
  citations: Citation[];
  state?: ConversationState;
}

/** The terms a word with a negative prefix negates ("unpaid" → "pay"). */
function prefixedTerms(word: string): string[] {
  const prefixed = /^(?:un|non-?)(\p{L}{3,})$/u.exec(word);
  return prefixed ? terms(prefixed[1]!) : [];
}

/** The analyzed terms of `text` lying within three words after a negator ("does not come from"). */
function negatedTerms(text: string): Set<string> {
  return negatedOf(analyze(text));
}

/** The terms of `tokens` a negation covers: within three words after a negator, or a word with a negative prefix. */
function negatedOf(tokens: ReturnType<typeof analyze>): Set<string> {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    // "unpaid", "non-binding": a negative prefix negates the word itself.
    for (const term of prefixedTerms(t.word)) out.add(term);
    if (!NEGATORS.has(t.word)) return;
    for (const u of tokens.slice(i + 1, i + 5)) if (u.term !== null) out.add(u.term);
  });
  return out;
}

/** Checks claims against one library. */
export class ClaimChecker {
  /** Each article's setting: the terms of names found throughout it, made when first needed. */
  private readonly settings = new Map<number, ReadonlySet<string>>();

  constructor(
    private readonly library: Library,
    private readonly answerer: Answerer,
    private readonly argument: ArgumentMap,
  ) {}

  /**
   * The terms of article `a` that name its setting: in its title or in SETTING_SHARE of its
   * paragraphs or more. A claim need not find them in the excerpt that backs it: "riders in
   * Corliss took 1.3 million trips" is backed by "Riders took 1.3 million trips" in a piece on Corliss.
   */
  private settingOf(a: number): ReadonlySet<string> {
    let out = this.settings.get(a);
    if (out) return out;
    const article = this.library.articles[a]!;
    const count = new Map<string, number>();
    for (const p of article.paragraphs) for (const t of new Set(terms(p.text))) count.set(t, (count.get(t) ?? 0) + 1);
    const title = new Set(terms(article.info.title));
    const floor = Math.max(3, article.paragraphs.length * SETTING_SHARE);
    out = new Set([...count].filter(([t, n]) => title.has(t) || n >= floor).map(([t]) => t));
    this.settings.set(a, out);
    return out;
  }

  /**
   * The excerpts read against a claim: each candidate's sentence (with the sentences it needs to
   * stand), and, when the next sentence of its paragraph points back at it, the two together: a
   * claim may join what two say ("Cedar Falls raised starting pay … Vacancies there fell by half").
   */
  private spans(candidates: readonly Hit[]): Array<{ c: Hit; ids: number[] }> {
    const lib = this.library;
    const out: Array<{ c: Hit; ids: number[] }> = [];
    for (const c of candidates) {
      const ref = lib.sentences[c.id]!;
      const ids: number[] = [];
      for (let s = ref.unit.first; s <= ref.unit.last; s++) ids.push(s);
      out.push({ c, ids });
      const next = lib.sentences[ref.unit.last + 1];
      if (next && next.paragraphId === ref.paragraphId && POINTS_BACK.test(this.argument.text(next.id))) {
        const joined = [...ids];
        for (let s = next.unit.first; s <= next.unit.last; s++) if (s > ref.unit.last) joined.push(s);
        out.push({ c, ids: joined });
      }
    }
    return out;
  }

  /** The verdict on `claim` (already stripped of "Does the article say that"), within article `articleIndex`. */
  check(asked: string, articleIndex: number | undefined): ClaimCheck {
    // "the Gazette wants …", "Vossberg says …": the article's author or publication, named.
    const info = articleIndex === undefined ? undefined : this.library.articles[articleIndex]?.info;
    const named = info ? authorPattern(authorNames(info)) : undefined;
    const claim = named ? withAuthorNamed(asked, new RegExp(String.raw`^(?:${named.source})`, 'i')) : asked;
    const bySide = this.stanceCheck(claim, articleIndex);
    if (bySide) return bySide;
    const about = ABOUT_THE_ARTICLE.test(claim);
    const admits = about && ADMITS.test(claim);
    const stance = AUTHOR_STANCE.test(claim) && about;
    const text = claim.replace(ABOUT_THE_ARTICLE, '');
    const parsed = parseQuestion(text);
    if (parsed.terms.length === 0)
      return {
        verdict: 'not-found',
        message: 'Not found: there is no claim to check in that. Say "check" and the claim, e.g. "check YMTC owns the hybrid bonding technology".',
        citations: [],
      };
    const a = this.answerer.assess(text, parsed, undefined, articleIndex);
    const lib = this.library;
    // A negator is the claim's polarity, checked on its own, not a word an excerpt must hold.
    const claimTerms = dedupe(parsed.terms).filter((q) => !NEGATORS.has(q.raw.toLowerCase()));
    const weights = claimTerms.map((q) => lib.idf(q.term) * (q.salient || (lib.isName(q.term) && /^\p{Lu}/u.test(q.raw)) ? SALIENT_WEIGHT : 1));
    const total = weights.reduce((x, y) => x + y, 0) || 1;
    const claimNumbers = numbersOf(text);
    const claimNegated = negatedTerms(text);
    const claimTokens = analyze(text);
    const claimNegation = claimTokens.some((t) => NEGATORS.has(t.word));
    const names = new Set(claimTerms.filter((q) => q.salient || /^\p{Lu}/u.test(q.raw)).map((q) => q.term));
    // The claim's words with a direction ("loosen", "under"): only then are the excerpts' stems needed.
    const claimStems = stemsOf(text);
    const directed = plainWords(text).flatMap((w) => {
      const opposite = OPPOSITE_STEMS.get(stemOf(w));
      return opposite ? [{ w, stem: stemOf(w), opposite }] : [];
    });

    type Reading = {
      sentenceIds: number[];
      coverage: number;
      plainCoverage: number;
      differences: string[];
      score: number;
      held: Set<string>;
      namesOther: boolean;
    };
    const readings: Reading[] = [];
    let best: Reading | undefined;
    for (const { c, ids } of this.spans(a.candidates.slice(0, CANDIDATES_READ))) {
      const ref = lib.sentences[c.id]!;
      const setting = this.settingOf(ref.articleIndex);
      const range = sentenceRange(lib, ids);
      const excerpt = lib.articles[range.article]!.paragraphs[range.paragraph - 1]!.text.slice(range.start, range.end);
      // One analysis of the excerpt serves the words, the negations and the numbers.
      const tokens = analyze(excerpt);
      const have = new Set<string>();
      for (const t of tokens) if (t.term !== null) have.add(t.term);
      // "unpaid" holds "pay" (the negation check then weighs "without pay" against it).
      for (const t of tokens) for (const base of prefixedTerms(t.word)) have.add(base);
      const differences: string[] = [];
      // The claim's numbers first: when they all hold, the words that wrote them ("decade", "half") hold too.
      let numbersHeld = true;
      if (claimNumbers.size > 0) {
        const excerptNumbers = numbersOf(excerpt, true);
        for (const [n, comparison] of claimNumbers) {
          if (numberHeld(n, comparison, excerptNumbers)) continue;
          numbersHeld = false;
          differences.push(`“${asWritten(text, n)}”`);
        }
      }
      let got = 0;
      let excused = 0;
      // What the claim says of its names, apart from them: its ordinary words' share held.
      let gotPlain = 0;
      let plain = 0;
      const held = new Set<string>();
      // Whether the excerpt names someone or something the claim does not (a capitalized name).
      const claimWords = new Set(claimTerms.map((q) => q.term));
      const namesOther = tokens.some((t) => t.term !== null && /^\p{Lu}/u.test(t.raw) && lib.isName(t.term) && !claimWords.has(t.term));
      claimTerms.forEach((q, i) => {
        if (numbersHeld && claimNumbers.size > 0 && QUANTITY_WORD.test(q.raw)) {
          got += weights[i]!;
          return;
        }
        const equivalents = a.own.filter((o) => o.source === q.term && !o.related).map((o) => o.term);
        const related = a.own.filter((o) => o.source === q.term && o.related).map((o) => o.term);
        const isPlain = !names.has(q.term) && !QUANTITY_WORD.test(q.raw);
        if (isPlain) plain += weights[i]!;
        if (
          have.has(q.term) ||
          equivalents.some((e) => have.has(e)) ||
          [...have].some((h) => h.length >= 5 && (h.startsWith(q.term) || q.term.startsWith(h)))
        ) {
          got += weights[i]!;
          if (isPlain) gotPlain += weights[i]!;
          held.add(q.term);
        } else if (related.some((e) => have.has(e))) {
          got += weights[i]! * RELATED_CREDIT;
          if (isPlain) gotPlain += weights[i]! * RELATED_CREDIT;
        } else if ((q.salient || /^\p{Lu}/u.test(q.raw)) && !/\d/.test(q.raw)) {
          // The article's setting, left unsaid by an excerpt that names nothing else in its place: not
          // a difference, and not a word the excerpt must hold ("Merrow" for "Lisk" still differs).
          if (setting.has(q.term) && !namesOther) excused += weights[i]!;
          else differences.push(`“${q.raw}”`);
        }
      });
      if (directed.length > 0) {
        const excerptStems = stemsOf(excerpt);
        for (const { w, stem, opposite } of directed) {
          if (excerptStems.has(stem) || (SAME_DIRECTION.get(stem) ?? []).some((x) => excerptStems.has(x))) continue;
          for (const o of opposite) {
            // "started or ended": the claim names both ends itself.
            if (!excerptStems.has(o) || claimStems.has(o)) continue;
            differences.push(`“${w}”, where it reads the other way`);
            break;
          }
        }
      }
      if (comparisonSwapped(claimTokens, tokens) || directionSwapped(claimTokens, tokens, names))
        differences.push('who or what it is said of, which the article has the other way round');
      const excerptNegated = negatedOf(tokens);
      const matchedNegated = claimTerms.some((q) => excerptNegated.has(q.term));
      if (!claimNegation && matchedNegated) differences.push('a negation');
      if (
        claimNegation &&
        ![...claimNegated].some((t) =>
          [...excerptNegated].some((e) => e === t || (t.length >= 3 && e.startsWith(t.slice(0, 3)) && t.startsWith(e.slice(0, 3)))),
        )
      )
        differences.push('a negation');
      // "The author wants X" is not backed by a sentence reporting X, nor by an objection the author answers.
      // The voice is that of the excerpt's sentence holding most of the claim's words.
      const own = (id: number) => terms(this.argument.text(id)).filter((t) => claimWords.has(t)).length;
      const voice = this.argument.reading(ids.reduce((m, id) => (own(id) > own(m) ? id : m), c.id)).role;
      // "The editorial admits X": a point the author grants ("There is something to that: X") is theirs to admit.
      // Or one the author grants right after reporting it ("Junior employees, he writes, learn by … I think he is right").
      const next = lib.sentences[ids.at(-1)! + 1];
      const grantedAfter = next !== undefined && next.paragraphId === ref.paragraphId ? [next.id] : [];
      const granted = admits && [...ids, ...grantedAfter].some((id) => CONCESSION.test(this.argument.text(id)));
      if (stance && !AUTHOR_VOICE.has(voice) && !granted) differences.push('as the author’s own view');
      // "The editorial says X", where X is a view the article takes up to answer.
      else if (about && voice === 'objection') differences.push('as a view the article answers, not its own');
      const coverage = got / (total - excused || 1);
      const score = coverage - 0.05 * differences.length;
      // A claim whose numbers the excerpt holds is anchored there, whatever verbs it words them with ("would last thirty years").
      const plainCoverage = plain === 0 || (claimNumbers.size > 0 && numbersHeld) ? 1 : gotPlain / plain;
      const reading = { sentenceIds: ids, coverage, plainCoverage, differences: [...new Set(differences)], score, held, namesOther };
      readings.push(reading);
      if (!best || score > best.score) best = reading;
    }
    // The best excerpt backs the claim, but another reads the other way on a word the best leaves
    // out ("Harbury's population has shrunk": the opening backs "Harbury", the next sentence has it grown).
    if (best && best.differences.length === 0) {
      const backing = best;
      const against = readings.find(
        (r) =>
          r !== backing &&
          r.coverage >= COVERED_COVERAGE &&
          r.differences.some((d) => d.includes('other way') || d === 'a negation') &&
          [...r.held].some((t) => !backing.held.has(t)),
      );
      if (against) best = against;
    }
    // A name or place the article never mentions, with none in its place in the excerpt ("released
    // in Brazil" against "once released"): it does not say this. One in another's place ("with Intel"
    // against "with YMTC") is a changed claim: partly, with what the article says instead.
    const unmentioned = a.missing !== undefined && numbersOf(a.missing.raw).size === 0 && best !== undefined && !best.namesOther;
    // The claim's names found, but little of what it says of them ("the Sekani-Ru took the Halloran to
    // an international court"): the article does not cover it.
    if (!best || best.coverage < COVERED_COVERAGE || unmentioned || best.plainCoverage < PLAIN_COVERAGE) {
      const missing = a.missing ? ` It doesn't mention ${a.missing.raw.replace(/[^\p{L}\p{N}'’ -]/gu, '').slice(0, 40)}.` : '';
      return { verdict: 'not-found', message: `Not found: the article doesn't say that.${missing}`, citations: [] };
    }
    if (best.differences.length === 0 && best.coverage < UNEXPLAINED_COVERAGE) {
      return { verdict: 'not-found', message: "Not found: the article doesn't say that.", citations: [] };
    }
    const highlight = new Set(claimTerms.map((q) => q.term));
    if (best.coverage >= SUPPORTED_COVERAGE && best.differences.length === 0) return this.verdict('supported', best.sentenceIds, highlight, a.own, text);
    return this.verdict('partly', best.sentenceIds, highlight, a.own, text, best.differences);
  }

  /** The check's reply: the verdict line and the deciding excerpt, and the conversation's state after it. */
  private verdict(
    verdict: 'supported' | 'partly',
    sentenceIds: number[],
    highlight: ReadonlySet<string>,
    own: readonly QueryTerm[],
    text: string,
    differences: readonly string[] = [],
  ): ClaimCheck {
    const lib = this.library;
    const citation = citeSentences(lib, sentenceIds, highlight);
    const state: ConversationState = {
      lastTerms: own.map((t) => ({ ...t })),
      lastQuestion: text,
      ranked: [],
      shown: [...sentenceIds],
      lastExcerpt: { sentenceIds },
    };
    state.articleIndex = lib.sentences[sentenceIds[0]!]!.articleIndex;
    if (verdict === 'supported') return { verdict, message: 'Supported: the article says so.', citations: [citation], state };
    const what = differences.length > 0 ? ` (${differences.slice(0, 3).join(', ')})` : '';
    return { verdict, message: `Partly: the article covers this, but not as stated${what}. Here is what it says:`, citations: [citation], state };
  }

  /**
   * "the author opposes SB 214", "the columnist thinks Tessaline should keep its mandate": decided by
   * what the author asks for on that subject, when the piece asks for something on it ("I am asking
   * legislators to vote for SB 214"). Undefined when it does not: the claim is read word by word.
   */
  private stanceCheck(claim: string, articleIndex: number | undefined): ClaimCheck | undefined {
    const stance = stanceClaim(claim);
    if (!stance) return undefined;
    const parsed = parseQuestion(stance.topic);
    const wanted = new Set(parsed.terms.map((q) => q.term).filter((t) => !SIDE_WORD.test(t)));
    if (wanted.size === 0) return undefined;
    const own = this.answerer.assess(stance.topic, parsed, undefined, articleIndex).own;
    // Only sentences sharing a word with the subject can name half of it: the search's, in text order.
    const sharing = [...new Set(this.library.search(own, articleIndex).map((h) => h.id))].sort((l, r) => l - r);
    // What the author asks for on the subject decides; failing that, how the author's own
    // sentences on it judge it ("… offer a strong rebuttal …: shared global development dividends").
    type Found = { id: number; overlap: number; side: number };
    let asked: Found | undefined;
    let judged: Found | undefined;
    for (const id of sharing) {
      const role = this.argument.reading(id).role;
      // Others' demands the author answers, and the news, are not the author's side.
      if (role === 'objection' || role === 'report') continue;
      const text = this.argument.text(id);
      const have = new Set(terms(text));
      const overlap = [...wanted].filter((t) => have.has(t)).length / wanted.size;
      if (overlap < STANCE_OVERLAP) continue;
      const side = sideAsked(text);
      if (side !== 0 && (!asked || overlap > asked.overlap)) asked = { id, overlap, side };
      const judgedSide = AUTHOR_VOICE.has(role) && !stance.action ? sideJudged(text) : 0;
      // Sentiment words are a weaker sign than a request: only where the sentence names nearly all the claim's subject.
      if (judgedSide !== 0 && overlap >= JUDGED_OVERLAP && (!judged || overlap > judged.overlap)) judged = { id, overlap, side: judgedSide };
    }
    const best = asked ?? judged;
    if (!best) return undefined;
    const ids = [best.id];
    return best.side === stance.side
      ? this.verdict('supported', ids, wanted, own, stance.topic)
      : this.verdict('partly', ids, wanted, own, stance.topic, ['the side the author takes, which is the other way']);
  }
}

/** The claim's terms, each once. */
function dedupe(list: readonly QuestionTerm[]): QuestionTerm[] {
  const seen = new Set<string>();
  return list.filter((q) => !seen.has(q.term) && seen.add(q.term));
}
