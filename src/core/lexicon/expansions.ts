/**
 * Term equivalents: country ↔ demonym ↔ capital (from the `world-countries` data), regions,
 * general abbreviations, and acronyms learned from the content's own "Full Name (ABC)" patterns.
 * Everything is in analyzed-term form, so lookups are exact.
 */
import worldCountries, { type Countries } from 'world-countries';
import { terms } from '../text/analyzer.js';
import { STOP_WORDS } from '../text/stopwords.js';
import { ABBREVIATIONS, NUMBER_FORMS, REGIONS } from './abbreviations.js';

/** A long form whose terms, found in sequence in a query, stand for `short` (and the reverse). */
export interface LongForm {
  short: string;
  long: readonly string[];
}

/** Equivalent terms, symmetric where the relation is. */
export class Expansions {
  private readonly related = new Map<string, Set<string>>();
  private readonly longForms: LongForm[] = [];
  /** Terms that name a place (country, demonym, capital, region): salient when asked about. */
  readonly places = new Set<string>();
  /** Capital cities: more specific than their country, so the country does not cover them. */
  readonly capitals = new Set<string>();
  /** Adjectives of place ("Chinese", "European"): places, but not subjects to ask about. */
  readonly demonyms = new Set<string>();

  /** Links every pair of `group` both ways. */
  link(group: readonly string[]): void {
    const unique = [...new Set(group)];
    for (const a of unique) for (const b of unique) if (a !== b) this.add(a, b);
  }

  /** Links `short` to the multi-term `long` form: the short form expands to all its terms. */
  linkLongForm(short: string, long: readonly string[]): void {
    if (long.length === 0) return;
    if (long.length === 1) return this.link([short, long[0]!]);
    for (const t of long) this.add(short, t);
    this.longForms.push({ short, long });
  }

  /** Terms equivalent to `term` (not including it). */
  of(term: string): ReadonlySet<string> {
    return this.related.get(term) ?? EMPTY;
  }

  /** The long forms `short` stands for ("ai" → [["artifici", "intellig"]]). */
  longFormsOf(short: string): Array<readonly string[]> {
    return this.longForms.filter((f) => f.short === short).map((f) => f.long);
  }

  /** Short forms whose long form occurs in `sequence` (consecutive terms). */
  shortFormsIn(sequence: readonly string[]): string[] {
    const found: string[] = [];
    for (const { short, long } of this.longForms) {
      outer: for (let i = 0; i + long.length <= sequence.length; i++) {
        for (let j = 0; j < long.length; j++) if (sequence[i + j] !== long[j]) continue outer;
        found.push(short);
        break;
      }
    }
    return found;
  }

  /** A copy to extend with one library's learned acronyms without touching the shared base. */
  clone(): Expansions {
    const copy = new Expansions();
    for (const [k, v] of this.related) copy.related.set(k, new Set(v));
    copy.longForms.push(...this.longForms);
    for (const p of this.places) copy.places.add(p);
    for (const c of this.capitals) copy.capitals.add(c);
    for (const d of this.demonyms) copy.demonyms.add(d);
    return copy;
  }

  private add(a: string, b: string): void {
    let set = this.related.get(a);
    if (!set) this.related.set(a, (set = new Set()));
    set.add(b);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const LATIN = /^[\p{Script=Latin}\s.'’-]+$/u;

let general: Expansions | undefined;

/** The general equivalents (countries, regions, abbreviations), built once per process. */
export function generalExpansions(): Expansions {
  if (general) return general;
  const ex = new Expansions();

  // Country forms, by country: name, capital, demonym, alternative spellings. Single-term forms
  // are equivalents ("british" ↔ "uk" ↔ "london"); of a multi-term form only its head (last term)
  // joins, and only when it names one country ("Great Britain" → "britain", not "great").
  // A single term shared by several countries joins only the one independent country using it
  // ("American" is also the demonym of American Samoa).
  const all = worldCountries as unknown as Countries;
  const byCountry = all.map((c) => {
    const names: string[] = [c.name.common, ...c.capital, c.demonyms?.eng?.m ?? '', c.demonyms?.eng?.f ?? ''];
    for (const alt of c.altSpellings) {
      if (alt === c.cca2 || alt.includes(',') || !LATIN.test(alt)) continue;
      if (alt.length <= 3 && STOP_WORDS.has(alt.toLowerCase())) continue;
      names.push(alt);
    }
    // An abbreviation of the country's name ("US" for United States) is one of its forms.
    for (const [short, long] of Object.entries(ABBREVIATIONS)) if (long === c.name.common) names.push(short);
    const forms = names
      .filter((n) => n && LATIN.test(n))
      .map((n) => terms(n))
      .filter((t) => t.length > 0);
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) if (d && terms(d).length === 1) ex.demonyms.add(terms(d)[0]!);
    for (const capital of c.capital) {
      const t = terms(capital);
      if (t.length > 0) ex.capitals.add(t[0]!);
    }
    return { independent: c.independent === true, forms };
  });
  const used = new Map<string, { all: number; independent: number }>();
  for (const { independent, forms } of byCountry)
    for (const t of new Set(forms.flat())) {
      const u = used.get(t) ?? { all: 0, independent: 0 };
      u.all++;
      if (independent) u.independent++;
      used.set(t, u);
    }
  const names = (t: string, independent: boolean) => {
    const u = used.get(t)!;
    return u.all === 1 || (independent && u.independent === 1);
  };

  for (const { independent, forms } of byCountry) {
    const clique = new Set<string>();
    for (const form of forms) {
      const head = form[form.length - 1]!;
      if (form.length === 1 ? names(head, independent) : used.get(head)!.all === 1) clique.add(head);
      for (const t of form) ex.places.add(t);
    }
    ex.link([...clique]);
    // "South Korea" / "South Korean": the differing terms are equivalents (korea ↔ korean).
    for (const a of forms)
      for (const b of forms) {
        if (a === b || a.length !== b.length || a.length < 2) continue;
        const diff = a.map((_t, i) => i).filter((i) => a[i] !== b[i]);
        if (diff.length === 1) ex.link([a[diff[0]!]!, b[diff[0]!]!]);
      }
  }
  for (const group of REGIONS) {
    const ts = group.flatMap((g) => terms(g));
    for (const adjective of group.slice(1).flatMap((g) => terms(g))) ex.demonyms.add(adjective);
    ex.link(ts);
    for (const t of ts) ex.places.add(t);
  }
  const countryNames = new Set(all.map((c) => c.name.common));
  for (const [short, long] of Object.entries(ABBREVIATIONS)) {
    // Country abbreviations joined their country above; "United" and "States" alone say little.
    if (countryNames.has(long)) continue;
    const s = terms(short);
    if (s.length === 1) ex.linkLongForm(s[0]!, terms(long));
  }
  for (const [digits, word] of NUMBER_FORMS) {
    const [d, w] = [terms(digits), terms(word)];
    if (d.length === 1 && w.length === 1) ex.link([d[0]!, w[0]!]);
  }
  general = ex;
  return ex;
}

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'du', 'la', 'le', 'des', '&']);

/**
 * Acronyms defined in `text` by the pattern "Full Name (ABC)": the capitalized words just before
 * the parenthesis whose initials spell the acronym (in order, letters may be skipped at the end,
 * "Yangtze Memory Technologies (YMTC)"). Returns [acronym, full name] pairs.
 */
export function findAcronymDefinitions(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const m of text.matchAll(/\(([A-Z][A-Za-z0-9&]{1,9})\)/g)) {
    const acronym = m[1]!;
    if (!/^[A-Z0-9&]+$/.test(acronym.replace(/s$/, ''))) continue;
    const before = text.slice(0, m.index).trimEnd();
    const words = before.split(/\s+/);
    let best = -1;
    const initials: string[] = [];
    for (let i = words.length - 1, used = 0; i >= 0 && used < acronym.length + 3; i--, used++) {
      const w = words[i]!.replace(/^[^\p{L}\p{N}&]+|[^\p{L}\p{N}]+$/gu, '');
      if (CONNECTORS.has(w.toLowerCase())) continue;
      if (!/^[\p{Lu}\d]/u.test(w)) break;
      initials.unshift(w[0]!.toUpperCase());
      const spelled = initials.join('');
      if (!isSubsequence(spelled, acronym.toUpperCase())) break;
      if (spelled[0] === acronym[0] && spelled.length >= Math.min(2, acronym.length)) best = i;
    }
    if (best >= 0)
      out.push([
        acronym,
        words
          .slice(best)
          .join(' ')
          .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''),
      ]);
  }
  return out;
}

// The initials appear in the acronym in order ("YMT" in "YMTC").
function isSubsequence(initials: string, acronym: string): boolean {
  let j = 0;
  for (const c of acronym) if (c === initials[j]) j++;
  return j === initials.length;
}
