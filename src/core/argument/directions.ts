/**
 * Words with a direction, for claim checks: a claim with one ("rates fell") and an excerpt with its
 * opposite ("rates doubled") read the other way. Compared as stems, irregular past forms brought home.
 */
import { stemmer } from 'stemmer';

/** Word pairs of opposite direction: a claim with one, an excerpt with the other, differ. */
const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['tighten', 'loosen'],
  ['tighten', 'ease'],
  ['tighten', 'relax'],
  ['tighten', 'lift'],
  ['increase', 'decrease'],
  ['increase', 'reduce'],
  ['increase', 'cut'],
  ['rise', 'fall'],
  ['rise', 'drop'],
  ['rise', 'decline'],
  ['grow', 'shrink'],
  ['grow', 'decline'],
  ['more', 'less'],
  ['more', 'fewer'],
  ['over', 'under'],
  ['above', 'below'],
  ['most', 'least'],
  ['gain', 'lose'],
  ['win', 'lose'],
  ['support', 'oppose'],
  ['allow', 'ban'],
  ['allow', 'forbid'],
  ['allow', 'prohibit'],
  ['permit', 'ban'],
  ['strengthen', 'weaken'],
  ['expand', 'shrink'],
  ['expand', 'contract'],
  ['open', 'close'],
  ['buy', 'sell'],
  ['import', 'export'],
  ['before', 'after'],
  ['first', 'last'],
  ['high', 'low'],
  ['higher', 'lower'],
  ['larger', 'smaller'],
  ['bigger', 'smaller'],
  ['success', 'failure'],
  ['succeed', 'fail'],
  ['agree', 'disagree'],
  ['accept', 'reject'],
  ['boost', 'curb'],
  ['impose', 'lift'],
  ['limit', 'expand'],
  ['welcome', 'reject'],
  ['praise', 'criticize'],
  ['top', 'bottom'],
  ['lead', 'trail'],
  ['cheap', 'expensive'],
  ['rare', 'common'],
  ['public', 'private'],
  ['legal', 'illegal'],
  ['own', 'lack'],
  ['with', 'without'],
  ['encourage', 'discourage'],
  ['underestimate', 'overestimate'],
  ['undermine', 'strengthen'],
  ['fast', 'slow'],
  ['faster', 'slower'],
  ['early', 'late'],
  ['earlier', 'later'],
  ['young', 'old'],
  ['new', 'old'],
  ['rich', 'poor'],
  ['surplus', 'deficit'],
  ['profit', 'loss'],
  ['victory', 'defeat'],
  ['approve', 'reject'],
  ['add', 'remove'],
  ['join', 'leave'],
  ['hire', 'fire'],
  ['start', 'stop'],
  ['begin', 'end'],
  ['include', 'exclude'],
  ['keep', 'return'],
  ['keep', 'scrap'],
  ['keep', 'abandon'],
  ['keep', 'drop'],
  ['pass', 'reject'],
  ['adopt', 'reject'],
  ['adopt', 'scrap'],
  ['north', 'south'],
  ['east', 'west'],
];
/**
 * Changes up and changes down: any of one kind against any of the other reads the other way
 * ("rates fell" against "their rates had doubled").
 */
const UP = 'rise increase grow climb soar jump surge double triple quadruple swell mount'.split(' ');
const DOWN = 'fall decrease decline drop shrink halve plunge slump dip sink slide tumble'.split(' ');

/** Irregular past forms of the directed verbs, which no stemmer brings home ("rose" is "rise"). */
const IRREGULAR: Readonly<Record<string, string>> = {
  rose: 'rise',
  risen: 'rise',
  fell: 'fall',
  fallen: 'fall',
  grew: 'grow',
  grown: 'grow',
  shrank: 'shrink',
  shrunk: 'shrink',
  shrunken: 'shrink',
  sank: 'sink',
  sunk: 'sink',
  slid: 'slide',
  swollen: 'swell',
  won: 'win',
  lost: 'lose',
  sold: 'sell',
  bought: 'buy',
  began: 'begin',
  begun: 'begin',
  led: 'lead',
  left: 'leave',
};
/** A word's stem, stop words kept ("over", "under" are directions too). */
export function stemOf(word: string): string {
  const w = word.toLowerCase();
  return stemmer(IRREGULAR[w] ?? w);
}
/** The stems of the words of `text`. */
export function stemsOf(text: string): Set<string> {
  return new Set(plainWords(text).map(stemOf));
}

/** The words of `text` that are not names: a capitalized word not opening a sentence is one ("Ellery Falls" holds no fall). */
export function plainWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const opening = /(?:^|[.!?:;]["'”’)]*\s+)["'“‘(]*$/.test(text.slice(Math.max(0, m.index - 4), m.index));
    if (opening || !/^[A-Z]/.test(m[0])) out.push(m[0].toLowerCase());
  }
  return out;
}
/** Each word's opposites, as stems. */
export const OPPOSITE_STEMS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const x = stemOf(a);
    (out.get(x) ?? out.set(x, new Set()).get(x)!).add(stemOf(b));
  };
  for (const [a, b] of [...OPPOSITES, ...UP.flatMap((u) => DOWN.map((d) => [u, d] as const))]) {
    add(a, b);
    add(b, a);
  }
  return out;
})();

/** Words that say what a directed word says ("since 2020" is after it began): an excerpt with one does not read the other way. */
export const SAME_DIRECTION: ReadonlyMap<string, readonly string[]> = new Map([[stemOf('after'), ['since', 'following'].map(stemOf)]]);
