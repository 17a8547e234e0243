/** Who did what to whom: a comparison turned round, or a recipient turned into the source. */
import type { analyze } from '../text/analyzer.js';

/** Comparatives whose two sides a claim may swap ("competition is larger than cooperation"). */
const COMPARATIVES: ReadonlySet<string> = new Set(
  'more less fewer larger greater bigger smaller higher lower better worse stronger weaker faster slower cheaper broader narrower wider longer shorter richer poorer older younger earlier later'.split(
    ' ',
  ),
);
/** Words between a comparison's side and its comparative ("far larger", "much more"). */
const DEGREE: ReadonlySet<string> = new Set('far much even still significantly considerably slightly somewhat lot vastly'.split(' '));
export type Tokens = ReturnType<typeof analyze>;

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
export function comparisonSwapped(claim: Tokens, excerpt: Tokens): boolean {
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
 * "The latter" and "the former" are the last and the first of the parties before them: the claim's
 * first name and the names it sends something to or takes it from (not "NAND" of "3D NAND").
 */
export function directionSwapped(claim: Tokens, excerpt: Tokens, allNames: ReadonlySet<string>): boolean {
  let names = allNames;
  const marked = (tokens: Tokens, resolve: boolean) => {
    const to = new Set<string>();
    const from = new Set<string>();
    const seen: string[] = [];
    tokens.forEach((t, i) => {
      let name = t.term !== null && names.has(t.term) ? t.term : undefined;
      if (resolve && name === undefined && (t.word === 'latter' || t.word === 'former') && tokens[i - 1]?.word === 'the')
        name = t.word === 'latter' ? seen.at(-1) : seen[0];
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
  const first = claim.find((t) => t.term !== null && allNames.has(t.term))?.term ?? undefined;
  names = new Set([...c.to, ...c.from, ...(first ? [first] : [])]);
  const e = marked(excerpt, true);
  // Or another of the claim's names in its place: "YMTC licensed it from Samsung" against "Samsung … from the latter (YMTC)".
  const other = (side: ReadonlySet<string>, n: string) => !side.has(n) && [...side].some((m) => m !== n);
  return (
    [...c.to].some((n) => (e.from.has(n) && !e.to.has(n)) || other(e.to, n)) || [...c.from].some((n) => (e.to.has(n) && !e.from.has(n)) || other(e.from, n))
  );
}
