/**
 * The numbers of a claim and of an excerpt, read as quantities: counts, spans of time (compared in
 * days), shares (as fractions), with the bound a claim puts on them ("less than 2 percent").
 */

export const NUMBER_WORDS: Readonly<Record<string, string>> = {
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  twenty: '20',
  thirty: '30',
  forty: '40',
  fifty: '50',
  sixty: '60',
  seventy: '70',
  eighty: '80',
  ninety: '90',
  hundred: '100',
  thousand: '1000',
  million: '1000000',
  billion: '1000000000',
  dozen: '12',
  twice: '2',
  double: '2',
};

/**
 * How a claim's number is meant: exactly, as a bound ("less than 2 percent", "over 40"), or
 * roughly ("nearly half", "about 1.3 million": within a tenth of it).
 */
export type Comparison = 'exact' | 'below' | 'above' | 'about';
/** How far a rough number may be from the one it stands for. */
const ROUGHLY = 0.1;

/** The number `value` as the claim wrote it ("three" for 3, "six months" for a span of 180 days), for the verdict line. */
export function asWritten(text: string, value: string): string {
  const lower = text.toLowerCase();
  const span = /^(\d[\d.]*) days$/.exec(value);
  if (span) {
    for (const m of lower.matchAll(SPAN)) if (daysKey(spanOf(m, true) ?? NaN) === value) return m[0].trim();
    return value;
  }
  if (value.startsWith('factor ')) for (const m of lower.matchAll(FACTOR)) if (factorKey(FACTOR_WORDS[m[1]!]!) === value) return m[1]!;
  if (value.startsWith('share ')) for (const m of lower.matchAll(SHARE)) if (m[2] !== undefined) return m[0].trim();
  for (const [word, v] of Object.entries(NUMBER_WORDS)) if (v === value && new RegExp(String.raw`\b${word}\b`).test(lower)) return word;
  return value;
}

/** Days in a unit of time: a number with its unit is compared as a span ("six weeks" is not "six months"; "a decade" is "ten years"). */
const DAYS: Readonly<Record<string, number>> = { minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, fortnight: 14, month: 30, year: 365, decade: 3650 };
/** A number (or "a", for "a decade") and, within one word, its unit of time ("ten years", "a ten-year ban", "58-minute"). */
const SPAN = new RegExp(
  String.raw`\b(\d[\d,.]*|an?|one|${Object.keys(NUMBER_WORDS).join('|')})(-|\s+(?:[a-z]+\s+)?)(minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)\b`,
  'g',
);
/** A span in days as a key: whole days as they are, parts of a day to four places. */
function daysKey(days: number): string {
  return `${days >= 1 ? Math.round(days) : Number(days.toFixed(4))} days`;
}
/**
 * The days of a SPAN match, or undefined when its first word is no number. `bounded`: a bound
 * stands before it ("under an hour"), which makes "a" or "an" a span, not a rate. `hyphened`:
 * "a ten-year moratorium" counts as ten years (in an excerpt; a claim's "four-day week" names a
 * kind of week, so a claim's are left out, as its other hyphened numbers are).
 */
function spanOf(m: RegExpMatchArray, bounded: boolean, hyphened = true): number | undefined {
  const w = m[1]!;
  const unit = m[3]!.replace(/s$/, '');
  if (m[2] === '-' && !hyphened) return undefined;
  // "a year" is a rate ("$1.4 million a year"); "a decade", "a fortnight" and "under an hour" are spans.
  const one = w === 'a' || w === 'an' || w === 'one';
  if (one && unit !== 'decade' && unit !== 'fortnight' && !bounded) return undefined;
  const n = /^\d/.test(w) ? Number(w.replace(/,/g, '').replace(/\.$/, '')) : one ? 1 : Number(NUMBER_WORDS[w] ?? NaN);
  if (!Number.isFinite(n)) return undefined;
  return n * DAYS[unit]!;
}

/** Fractions written as words, when they are fractions ("a third of", "half the"), not ranks ("third grade"). */
const FRACTION = /\b(?:(?:a|one)\s+(third|quarter|fifth|tenth)|(half|majority|minority))\b/g;
/** "A majority" is more than half, "a minority" less. */
const FRACTION_BOUND: Readonly<Record<string, Comparison>> = { majority: 'above', minority: 'below' };
const FRACTIONS: Readonly<Record<string, number>> = { third: 1 / 3, quarter: 0.25, fifth: 0.2, tenth: 0.1, half: 0.5, majority: 0.5, minority: 0.5 };
/** Shares: "four of the nine" (4/9), "one in five" (0.2), "three out of four", "84 percent" (0.84). */
const SHARE = new RegExp(
  String.raw`\b(\d[\d.]*|one|${Object.keys(NUMBER_WORDS).join('|')})\s*(?:(of|in|out\s+of)\s+(?:the\s+|its\s+|their\s+|every\s+)?(\d[\d,.]*|${Object.keys(NUMBER_WORDS).join('|')})\b|(?:percent|per\s+cent)\b|%)`,
  'g',
);
/**
 * Growth by a factor: "doubled" (2), "more than tripled" (above 3), "halved" (0.5). Compared with the
 * factor an excerpt's "from $1.1 billion to $2.3 billion" gives.
 */
const FACTOR_WORDS: Readonly<Record<string, number>> = { doubled: 2, doubling: 2, tripled: 3, trebled: 3, quadrupled: 4, halved: 0.5 };
const FACTOR = new RegExp(String.raw`\b(${Object.keys(FACTOR_WORDS).join('|')})\b`, 'g');
/** "from 41 days to 73", "from $1.1 billion to $2.3 billion": a change whose factor a claim may state. */
const FROM_TO =
  /\bfrom\s+(?:about\s+|around\s+|roughly\s+)?[$£€]?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|percent|%)?[^.;]{0,24}?\bto\s+(?:about\s+|around\s+|roughly\s+)?[$£€]?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|percent|%)?/g;
/** "fell by half", "rose 40 percent", "cut by 25%": a change by a share of the whole. */
const CHANGE_BY =
  /\b(rose|risen|grew|grown|increased|climbed|jumped|fell|fallen|dropped|declined|decreased|shrank|shrunk|cut|reduced)\s+(?:by\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?(half|\d+(?:\.\d+)?)(?:\s*(?:percent|per\s+cent|%))?/g;
const SCALE: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };
/** A factor as a key. */
function factorKey(x: number): string {
  return `factor ${x.toFixed(3)}`;
}

/**
 * The numbers of `text`, as digits ("five" → "5", "40 percent" → "40"), spans of time in days
 * ("a decade" → "3650 days"), and shares as fractions ("half" → 0.5, "four of the nine" → 0.444).
 * A number inside a hyphenated word ("four-day", "3D") names a thing, not a quantity, unless `hyphened`
 * and it is a span of time ("a ten-year moratorium").
 */
export function numbersOf(text: string, hyphened = false): Map<string, Comparison> {
  // A claim's "four in ten" is a share, not the numbers 4 and 10 (an excerpt's keep both: a claim's "four nurses" may need them).
  const parts = new Set<string>();
  const out = new Map<string, Comparison>();
  const lower = text.toLowerCase();
  const comparisonAt = (at: number): Comparison => {
    const before = lower.slice(Math.max(0, at - 16), at);
    return /(?:less|fewer)\s+than\s+$|(?:under|below|at\s+most|up\s+to|within)\s+$/.test(before)
      ? 'below'
      : /(?:more|greater)\s+than\s+$|(?:over|above|at\s+least|exceeding)\s+$/.test(before)
        ? 'above'
        : /(?:nearly|almost|about|around|roughly|approximately|some|close\s+to|just\s+under|just\s+over)\s+$/.test(before)
          ? 'about'
          : 'exact';
  };
  const valueOf = (w: string): number | undefined => {
    const v = /^\d/.test(w) ? Number(w.replace(/,/g, '').replace(/\.$/, '')) : w === 'one' ? 1 : Number(NUMBER_WORDS[w] ?? NaN);
    return Number.isFinite(v) ? v : undefined;
  };
  for (const m of lower.matchAll(/\d[\d,.]*|\b[a-z]+\b/g)) {
    const w = m[0];
    const at = m.index;
    const after = lower[at + w.length];
    // "ten-year" is a number of years (the span below), "four-day" names a kind of week, "3D" a thing.
    const hyphenedSpan = after === '-' && /^-(?:year|month|week|decade|day|hour|minute)s?\b/.test(lower.slice(at + w.length));
    if ((after === '-' && !(hyphened && hyphenedSpan)) || (/^\d/.test(w) && /[a-z]/.test(after ?? ''))) continue;
    const value = /^\d/.test(w) ? w.replace(/,/g, '').replace(/\.$/, '') : NUMBER_WORDS[w];
    if (value === undefined) continue;
    out.set(value, comparisonAt(at));
  }
  for (const m of lower.matchAll(SPAN)) {
    const comparison = comparisonAt(m.index);
    const days = spanOf(m, comparison !== 'exact', hyphened);
    if (days !== undefined) out.set(daysKey(days), comparison);
  }
  for (const m of lower.matchAll(FRACTION)) {
    const word = m[1] ?? m[2]!;
    out.set(`share ${FRACTIONS[word]!.toFixed(3)}`, FRACTION_BOUND[word] ?? comparisonAt(m.index));
  }
  for (const m of lower.matchAll(SHARE)) {
    const n = valueOf(m[1]!);
    if (n === undefined) continue;
    const of = m[3] === undefined ? 100 : valueOf(m[3]);
    if (of === undefined || of === 0 || n > of) continue;
    // "3 in 2020" is a date, not a share.
    if (m[2] !== undefined && m[2] !== 'of' && /^(?:1[5-9]|20)\d\d$/.test(m[3]!)) continue;
    out.set(`share ${(n / of).toFixed(3)}`, comparisonAt(m.index));
    if (m[2] !== undefined && !hyphened)
      for (const w of [m[1]!, m[3]!]) {
        const v = /^\d/.test(w) ? w.replace(/,/g, '').replace(/\.$/, '') : NUMBER_WORDS[w];
        if (v !== undefined) parts.add(v);
      }
  }
  for (const m of lower.matchAll(FACTOR)) out.set(factorKey(FACTOR_WORDS[m[1]!]!), comparisonAt(m.index) === 'exact' ? 'about' : comparisonAt(m.index));
  // An excerpt's changes as factors: "from $1.1 billion to $2.3 billion", and "fell by half", "rose 40 percent".
  if (hyphened) {
    const scaled = (n: string, unit: string | undefined) => Number(n.replace(/,/g, '')) * (SCALE[unit ?? ''] ?? 1);
    for (const m of lower.matchAll(FROM_TO)) {
      const from = scaled(m[1]!, m[2]);
      const to = scaled(m[3]!, m[4] ?? m[2]);
      if (from > 0 && to > 0 && Number.isFinite(to / from)) out.set(factorKey(to / from), 'exact');
    }
    for (const m of lower.matchAll(CHANGE_BY)) {
      const share = m[2] === 'half' ? 0.5 : Number(m[2]) / 100;
      const factor = /^(?:rose|risen|grew|grown|increased|climbed|jumped)$/.test(m[1]!) ? 1 + share : 1 - share;
      if (factor > 0) out.set(factorKey(factor), 'exact');
    }
  }
  for (const p of parts) out.delete(p);
  return out;
}

/** Whether the excerpt's numbers hold the claim's number `n`, exactly or within its bound. */
export function numberHeld(n: string, comparison: Comparison, excerpt: ReadonlyMap<string, Comparison>): boolean {
  if (excerpt.has(n)) return comparison === 'exact' || comparison === 'about' || excerpt.get(n) === comparison || excerpt.get(n) === 'exact';
  if (comparison === 'exact') return false;
  const kind = (x: string) => (x.startsWith('share ') ? 'share' : x.startsWith('factor ') ? 'factor' : x.endsWith(' days') ? 'days' : 'number');
  const amount = (x: string) => Number(x.replace(/^share |^factor | days$/g, ''));
  const bound = amount(n);
  for (const [m, how] of excerpt) {
    if (kind(m) !== kind(n)) continue;
    const v = amount(m);
    if (!Number.isFinite(v)) continue;
    if (comparison === 'about' && Math.abs(v - bound) <= ROUGHLY * Math.abs(bound)) return true;
    if (comparison === 'below' && v < bound && how !== 'above') return true;
    if (comparison === 'above' && v > bound && how !== 'below') return true;
  }
  return false;
}

/** A word that writes a quantity: a number, a unit of time, a share. */
export const QUANTITY_WORD = new RegExp(
  String.raw`^(?:\d[\d,.]*%?|${Object.keys(NUMBER_WORDS).join('|')}|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|half|third|quarter|fifth|tenth|majority|minority|percent|${Object.keys(FACTOR_WORDS).join('|')})$`,
  'i',
);
