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
import { stemmer } from 'stemmer';
import { analyze, terms } from '../text/analyzer.js';
import type { Citation, Verdict } from '../types.js';
import { WORK } from './questions.js';
import type { ArgumentMap } from './roles.js';

/** Share of the claim's weight an excerpt must hold to support it. */
const SUPPORTED_COVERAGE = 0.66;
/** Share of the claim's weight the article must hold to cover it at all. */
const COVERED_COVERAGE = 0.4;
/** Weight of a name or number of the claim relative to its other words. */
const SALIENT_WEIGHT = 1.5;
/** Candidates read against the claim. */
const CANDIDATES_READ = 5;
/** Share of the claim's weight a covering excerpt needs when no single word of it differs. */
const UNEXPLAINED_COVERAGE = 0.55;
/** "The author thinks …", "the editorial says …": a claim about what the article holds. */
const ABOUT_THE_ARTICLE = new RegExp(
  String.raw`^(?:the\s+|this\s+)?${WORK}\s+(?:says?|said|claims?|claimed|states?|argues?|argued|reports?|reported|thinks?|believes?|wants?|holds?|contends?|insists?|suggests?|writes?|wrote|notes?|maintains?|feels?|admits?|concedes?|warns?|calls?\s+for|supports?|opposes?|favou?rs?|rejects?|is\s+(?:for|against|in\s+favou?r\s+of|opposed\s+to))\s+(?:that\s+)?`,
  'i',
);
/** A claim that the author (not someone else) holds a view: its excerpt must be in the author's voice. */
const AUTHOR_STANCE = new RegExp(String.raw`^(?:the\s+|this\s+)?${WORK}\s+(?!says?\b|said\b|reports?\b|reported\b|notes?\b|writes?\b|wrote\b|states?\b)`, 'i');
/** The roles in which a sentence states the author's own view. */
const AUTHOR_VOICE: ReadonlySet<string> = new Set(['thesis', 'conclusion', 'claim', 'evaluation', 'reply']);
/** Weight of a word found only as a related word (WordNet) of the claim's. */
const RELATED_CREDIT = 0.5;

/** Word pairs of opposite direction: a claim with one, an excerpt with the other, differ. */
const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['tighten', 'loosen'], ['tighten', 'ease'], ['tighten', 'relax'], ['tighten', 'lift'], ['increase', 'decrease'], ['increase', 'reduce'],
  ['increase', 'cut'], ['rise', 'fall'], ['rise', 'drop'], ['rise', 'decline'], ['grow', 'shrink'], ['grow', 'decline'], ['more', 'less'],
  ['more', 'fewer'], ['over', 'under'], ['above', 'below'], ['most', 'least'], ['gain', 'lose'], ['win', 'lose'], ['support', 'oppose'],
  ['allow', 'ban'], ['allow', 'forbid'], ['allow', 'prohibit'], ['permit', 'ban'], ['strengthen', 'weaken'], ['expand', 'shrink'],
  ['expand', 'contract'], ['open', 'close'], ['buy', 'sell'], ['import', 'export'], ['before', 'after'], ['first', 'last'], ['high', 'low'],
  ['higher', 'lower'], ['larger', 'smaller'], ['bigger', 'smaller'], ['success', 'failure'], ['succeed', 'fail'], ['agree', 'disagree'],
  ['accept', 'reject'], ['boost', 'curb'], ['impose', 'lift'], ['limit', 'expand'], ['welcome', 'reject'], ['praise', 'criticize'],
  ['top', 'bottom'], ['lead', 'trail'], ['cheap', 'expensive'], ['rare', 'common'], ['public', 'private'], ['legal', 'illegal'],
  ['own', 'lack'], ['with', 'without'], ['encourage', 'discourage'], ['underestimate', 'overestimate'], ['undermine', 'strengthen'],
  ['fast', 'slow'], ['faster', 'slower'], ['early', 'late'], ['earlier', 'later'], ['young', 'old'], ['new', 'old'], ['rich', 'poor'],
  ['surplus', 'deficit'], ['profit', 'loss'], ['victory', 'defeat'], ['approve', 'reject'], ['add', 'remove'], ['join', 'leave'],
  ['hire', 'fire'], ['start', 'stop'], ['begin', 'end'], ['include', 'exclude'], ['north', 'south'], ['east', 'west'],
];
/** A word's stem, stop words kept ("over", "under" are directions too). */
function stemOf(word: string): string {
  return stemmer(word.toLowerCase());
}
/** The stems of the words of `text`. */
function stemsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z]+/g) ?? []).map(stemOf));
}
/** Each word's opposites, as stems. */
const OPPOSITE_STEMS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const x = stemOf(a);
    (out.get(x) ?? out.set(x, new Set()).get(x)!).add(stemOf(b));
  };
  for (const [a, b] of OPPOSITES) {
    add(a, b);
    add(b, a);
  }
  return out;
})();

const NEGATORS = new Set(['not', 'no', 'never', 'none', 'neither', 'nor', 'without', 'nothing', 'nobody', 'cannot']);
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11',
  twelve: '12', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
  hundred: '100', thousand: '1000', million: '1000000', billion: '1000000000', dozen: '12', twice: '2', double: '2',
};

/** What the check found. */
export interface ClaimCheck {
  verdict: Verdict;
  /** The plain verdict line the reply leads with. */
  message: string;
  /** The deciding excerpts, best first (none for `not-found`). */
  citations: Citation[];
  state?: ConversationState;
}

/** How a claim's number is meant: exactly, or as a bound ("less than 2 percent", "over 40"). */
type Comparison = 'exact' | 'below' | 'above';

/** The number `value` as the claim wrote it ("three" for 3, "six months" for a span of 180 days), for the verdict line. */
function asWritten(text: string, value: string): string {
  const lower = text.toLowerCase();
  const span = /^(\d[\d.]*) days$/.exec(value);
  if (span) {
    for (const m of lower.matchAll(SPAN)) if (spanOf(m) === Number(span[1])) return m[0].trim();
    return value;
  }
  for (const [word, v] of Object.entries(NUMBER_WORDS)) if (v === value && new RegExp(String.raw`\b${word}\b`).test(lower)) return word;
  return value;
}

/** Days in a unit of time: a number with its unit is compared as a span ("six weeks" is not "six months"; "a decade" is "ten years"). */
const DAYS: Readonly<Record<string, number>> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365, decade: 3650 };
/** A number (or "a", for "a decade") and, within one word, its unit of time. */
const SPAN = new RegExp(String.raw`\b(\d[\d,.]*|a|one|${Object.keys(NUMBER_WORDS).join('|')})\s+(?:[a-z]+\s+)?(days?|weeks?|fortnights?|months?|years?|decades?)\b`, 'g');
/** The days of a SPAN match, or undefined when its first word is no number. */
function spanOf(m: RegExpMatchArray): number | undefined {
  const w = m[1]!;
  const unit = m[2]!.replace(/s$/, '');
  // "a year" is a rate ("$1.4 million a year"); "a decade" and "a fortnight" are spans.
  if ((w === 'a' || w === 'one') && unit !== 'decade' && unit !== 'fortnight') return undefined;
  const n = /^\d/.test(w) ? Number(w.replace(/,/g, '').replace(/\.$/, '')) : w === 'a' || w === 'one' ? 1 : Number(NUMBER_WORDS[w] ?? NaN);
  if (!Number.isFinite(n)) return undefined;
  return n * DAYS[unit]!;
}

/** Fractions written as words, when they are fractions ("a third of", "half the"), not ranks ("third grade"). */
const FRACTION = /\b(?:(?:a|one)\s+(third|quarter|fifth|tenth)|(half|majority|minority))\b/g;
const FRACTIONS: Readonly<Record<string, number>> = { third: 1 / 3, quarter: 0.25, fifth: 0.2, tenth: 0.1, half: 0.5, majority: 0.5, minority: 0.5 };
/** Shares the excerpt states: "four of the nine" (4/9), "84 percent" (0.84). */
const SHARE = new RegExp(String.raw`\b(\d[\d.]*|${Object.keys(NUMBER_WORDS).join('|')})\s*(?:of\s+(?:the\s+|its\s+|their\s+)?(\d[\d.]*|${Object.keys(NUMBER_WORDS).join('|')})\b|(?:percent|per\s+cent)\b|%)`, 'g');

/**
 * The numbers of `text`, as digits ("five" → "5", "40 percent" → "40"), spans of time in days
 * ("a decade" → "3650 days"), and shares as fractions ("half" → 0.5, "four of the nine" → 0.444).
 * A number inside a hyphenated word ("four-day", "3D") names a thing, not a quantity.
 */
function numbersOf(text: string): Map<string, Comparison> {
  const out = new Map<string, Comparison>();
  const lower = text.toLowerCase();
  const comparisonAt = (at: number): Comparison => {
    const before = lower.slice(Math.max(0, at - 16), at);
    return /(?:less|fewer)\s+than\s+$|(?:under|below|at\s+most|up\s+to)\s+$/.test(before)
      ? 'below'
      : /(?:more|greater)\s+than\s+$|(?:over|above|at\s+least|exceeding)\s+$/.test(before)
        ? 'above'
        : 'exact';
  };
  const valueOf = (w: string): number | undefined => {
    const v = /^\d/.test(w) ? Number(w.replace(/,/g, '').replace(/\.$/, '')) : Number(NUMBER_WORDS[w] ?? NaN);
    return Number.isFinite(v) ? v : undefined;
  };
  for (const m of lower.matchAll(/\d[\d,.]*|\b[a-z]+\b/g)) {
    const w = m[0];
    const at = m.index;
    const after = lower[at + w.length];
    if (after === '-' || (/^\d/.test(w) && /[a-z]/.test(after ?? ''))) continue;
    const value = /^\d/.test(w) ? w.replace(/,/g, '').replace(/\.$/, '') : NUMBER_WORDS[w];
    if (value === undefined) continue;
    out.set(value, comparisonAt(at));
  }
  for (const m of lower.matchAll(SPAN)) {
    const days = spanOf(m);
    if (days !== undefined) out.set(`${Math.round(days)} days`, comparisonAt(m.index));
  }
  for (const m of lower.matchAll(FRACTION)) out.set(`share ${FRACTIONS[m[1] ?? m[2]!]!.toFixed(3)}`, comparisonAt(m.index));
  for (const m of lower.matchAll(SHARE)) {
    const n = valueOf(m[1]!);
    if (n === undefined) continue;
    const of = m[2] === undefined ? 100 : valueOf(m[2]);
    if (of === undefined || of === 0 || n > of) continue;
    out.set(`share ${(n / of).toFixed(3)}`, comparisonAt(m.index));
  }
  return out;
}

/** Whether the excerpt's numbers hold the claim's number `n`, exactly or within its bound. */
function numberHeld(n: string, comparison: Comparison, excerpt: ReadonlyMap<string, Comparison>): boolean {
  if (excerpt.has(n)) return comparison === 'exact' || excerpt.get(n) === comparison || excerpt.get(n) === 'exact';
  if (comparison === 'exact') return false;
  const kind = (x: string) => (x.startsWith('share ') ? 'share' : x.endsWith(' days') ? 'days' : 'number');
  const amount = (x: string) => Number(x.replace(/^share | days$/g, ''));
  const bound = amount(n);
  for (const [m, how] of excerpt) {
    if (kind(m) !== kind(n)) continue;
    const v = amount(m);
    if (!Number.isFinite(v)) continue;
    if (comparison === 'below' && v < bound && how !== 'above') return true;
    if (comparison === 'above' && v > bound && how !== 'below') return true;
  }
  return false;
}

/** A word that writes a quantity: a number, a unit of time, a share. */
const QUANTITY_WORD = new RegExp(String.raw`^(?:\d[\d,.]*%?|${Object.keys(NUMBER_WORDS).join('|')}|days?|weeks?|fortnights?|months?|years?|decades?|half|third|quarter|fifth|tenth|majority|minority|percent)$`, 'i');

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

/** Comparatives whose two sides a claim may swap ("competition is larger than cooperation"). */
const COMPARATIVES: ReadonlySet<string> = new Set(
  'more less fewer larger greater bigger smaller higher lower better worse stronger weaker faster slower cheaper broader narrower wider longer shorter richer poorer older younger earlier later'.split(' '),
);
/** Words between a comparison's side and its comparative ("far larger", "much more"). */
const DEGREE: ReadonlySet<string> = new Set('far much even still significantly considerably slightly somewhat lot vastly'.split(' '));
type Tokens = ReturnType<typeof analyze>;

/** The nearest term before `at` in `tokens` (degree words passed over), or undefined. */
function termBefore(tokens: Tokens, at: number, among?: ReadonlySet<string>): string | undefined {
  for (let i = at - 1; i >= 0 && i >= at - 12; i--) {
    const t = tokens[i]!;
    if (t.term === null || DEGREE.has(t.word)) continue;
    if (among === undefined || among.has(t.term)) return t.term;
  }
  return undefined;
}

/** The first term after `at` in `tokens`, or undefined. */
function termAfter(tokens: Tokens, at: number): string | undefined {
  for (let i = at + 1; i < tokens.length && i <= at + 4; i++) if (tokens[i]!.term !== null) return tokens[i]!.term!;
  return undefined;
}

/**
 * Whether the excerpt compares the claim's two sides the other way round: the claim says X is
 * larger than Y, the excerpt that Y is ("while there is X, the potential for Y is much larger").
 */
function comparisonSwapped(claim: Tokens, excerpt: Tokens): boolean {
  for (let c = 0; c < claim.length; c++) {
    const word = claim[c]!.word;
    if (!COMPARATIVES.has(word)) continue;
    const than = claim.findIndex((t, i) => i > c && i <= c + 3 && t.word === 'than');
    if (than < 0) continue;
    const x = termBefore(claim, c);
    const y = termAfter(claim, than);
    // A number's side is the number check's ("more than 30 percent").
    if (x === undefined || y === undefined || x === y || /\d/.test(y)) continue;
    for (let e = 0; e < excerpt.length; e++) {
      if (excerpt[e]!.word !== word) continue;
      const excerptThan = excerpt.findIndex((t, i) => i > e && i <= e + 3 && t.word === 'than');
      if (excerptThan >= 0) {
        if (termAfter(excerpt, excerptThan) === x && termBefore(excerpt, e, new Set([x, y])) === y) return true;
      } else if (termBefore(excerpt, e, new Set([x, y])) === y) return true;
    }
  }
  return false;
}

/** Verbs whose agent ("owned by B") is where the thing comes from. */
const SOURCE_VERBS = /^(?:owned|held|developed|invented|patented|created|built|made|designed|licensed|supplied|provided)$/;

/**
 * Whether a name the claim sends something to is where the excerpt has it come from, or the other
 * way round: "A licensed its technology to B" against "A … acquire the technology from the latter (B)".
 * "The latter" and "the former" are the last and the first of the claim's names before them.
 */
function directionSwapped(claim: Tokens, excerpt: Tokens, names: ReadonlySet<string>): boolean {
  const marked = (tokens: Tokens, resolve: boolean) => {
    const to = new Set<string>();
    const from = new Set<string>();
    const seen: string[] = [];
    tokens.forEach((t, i) => {
      let name = t.term !== null && names.has(t.term) ? t.term : undefined;
      if (resolve && name === undefined && (t.word === 'latter' || t.word === 'former') && tokens[i - 1]?.word === 'the') name = t.word === 'latter' ? seen.at(-1) : seen[0];
      if (name === undefined) return;
      if (t.term === name && !seen.includes(name)) seen.push(name);
      const at = tokens[i - 1]?.word === 'the' ? i - 2 : i - 1;
      const before = tokens[at]?.word;
      if (before === 'to') to.add(name);
      // "from B", and "owned by B": where the thing comes from.
      else if (before === 'from' || (before === 'by' && SOURCE_VERBS.test(tokens[at - 1]?.word ?? ''))) from.add(name);
    });
    return { to, from };
  };
  const c = marked(claim, false);
  if (c.to.size === 0 && c.from.size === 0) return false;
  const e = marked(excerpt, true);
  return [...c.to].some((n) => e.from.has(n) && !e.to.has(n)) || [...c.from].some((n) => e.to.has(n) && !e.from.has(n));
}

/** Checks claims against one library. */
export class ClaimChecker {
  constructor(
    private readonly library: Library,
    private readonly answerer: Answerer,
    private readonly argument: ArgumentMap,
  ) {}

  /** The verdict on `claim` (already stripped of "Does the article say that"), within article `scope`. */
  check(claim: string, scope: number | undefined): ClaimCheck {
    const stance = AUTHOR_STANCE.test(claim) && ABOUT_THE_ARTICLE.test(claim);
    const text = claim.replace(ABOUT_THE_ARTICLE, '');
    const parsed = parseQuestion(text);
    if (parsed.terms.length === 0) return { verdict: 'not-found', message: 'Not found: there is no claim to check in that. Say "check" and the claim, e.g. "check YMTC owns the hybrid bonding technology".', citations: [] };
    const a = this.answerer.assess(text, parsed, undefined, scope);
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
    const directed = (text.match(/[A-Za-z]+/g) ?? []).flatMap((w) => {
      const opposite = OPPOSITE_STEMS.get(stemOf(w));
      return opposite ? [{ w, stem: stemOf(w), opposite }] : [];
    });

    type Reading = { sentenceIds: number[]; coverage: number; differences: string[]; score: number };
    let best: Reading | undefined;
    for (const c of a.candidates.slice(0, CANDIDATES_READ)) {
      const ref = lib.sentences[c.id]!;
      const ids: number[] = [];
      for (let s = ref.unit.first; s <= ref.unit.last; s++) ids.push(s);
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
        const excerptNumbers = numbersOf(excerpt);
        for (const [n, comparison] of claimNumbers) {
          if (numberHeld(n, comparison, excerptNumbers)) continue;
          numbersHeld = false;
          differences.push(`“${asWritten(text, n)}”`);
        }
      }
      let got = 0;
      claimTerms.forEach((q, i) => {
        if (numbersHeld && claimNumbers.size > 0 && QUANTITY_WORD.test(q.raw)) {
          got += weights[i]!;
          return;
        }
        const equivalents = a.own.filter((o) => o.source === q.term && !o.related).map((o) => o.term);
        const related = a.own.filter((o) => o.source === q.term && o.related).map((o) => o.term);
        if (have.has(q.term) || equivalents.some((e) => have.has(e)) || [...have].some((h) => h.length >= 5 && (h.startsWith(q.term) || q.term.startsWith(h)))) got += weights[i]!;
        else if (related.some((e) => have.has(e))) got += weights[i]! * RELATED_CREDIT;
        else if ((q.salient || /^\p{Lu}/u.test(q.raw)) && !/\d/.test(q.raw)) differences.push(`“${q.raw}”`);
      });
      if (directed.length > 0) {
        const excerptStems = stemsOf(excerpt);
        for (const { w, stem, opposite } of directed) {
          if (excerptStems.has(stem)) continue;
          for (const o of opposite) {
            if (!excerptStems.has(o)) continue;
            differences.push(`“${w}”, where it reads the other way`);
            break;
          }
        }
      }
      if (comparisonSwapped(claimTokens, tokens) || directionSwapped(claimTokens, tokens, names)) differences.push('who or what it is said of, which the article has the other way round');
      const excerptNegated = negatedOf(tokens);
      const matchedNegated = claimTerms.some((q) => excerptNegated.has(q.term));
      if (!claimNegation && matchedNegated) differences.push('a negation');
      if (claimNegation && ![...claimNegated].some((t) => [...excerptNegated].some((e) => e === t || (t.length >= 3 && e.startsWith(t.slice(0, 3)) && t.startsWith(e.slice(0, 3)))))) differences.push('a negation');
      // "The author wants X" is not backed by a sentence reporting X, nor by an objection the author answers.
      const voice = this.argument.reading(c.id).role;
      if (stance && !AUTHOR_VOICE.has(voice)) differences.push('as the author’s own view');
      const coverage = got / total;
      const score = coverage - 0.05 * differences.length;
      if (!best || score > best.score) best = { sentenceIds: ids, coverage, differences: [...new Set(differences)], score };
    }
    if (!best || best.coverage < COVERED_COVERAGE) {
      const missing = a.missing ? ` It doesn't mention ${a.missing.raw.replace(/[^\p{L}\p{N}'’ -]/gu, '').slice(0, 40)}.` : '';
      return { verdict: 'not-found', message: `Not found: the article doesn't say that.${missing}`, citations: [] };
    }
    if (best.differences.length === 0 && best.coverage < UNEXPLAINED_COVERAGE) {
      return { verdict: 'not-found', message: "Not found: the article doesn't say that.", citations: [] };
    }
    const citation = citeSentences(lib, best.sentenceIds, new Set(claimTerms.map((q) => q.term)));
    const state: ConversationState = { lastTerms: a.own.map((t) => ({ ...t })), lastQuestion: text, ranked: [], shown: [...best.sentenceIds], lastExcerpt: { sentenceIds: best.sentenceIds } };
    state.articleIndex = lib.sentences[best.sentenceIds[0]!]!.article;
    if (best.coverage >= SUPPORTED_COVERAGE && best.differences.length === 0) {
      return { verdict: 'supported', message: 'Supported: the article says so.', citations: [citation], state };
    }
    const what = best.differences.length > 0 ? ` (${best.differences.slice(0, 3).join(', ')})` : '';
    return { verdict: 'partly', message: `Partly: the article covers this, but not as stated${what}. Here is what it says:`, citations: [citation], state };
  }
}

/** The claim's terms, each once. */
function dedupe(list: readonly QuestionTerm[]): QuestionTerm[] {
  const seen = new Set<string>();
  return list.filter((q) => !seen.has(q.term) && seen.add(q.term));
}
