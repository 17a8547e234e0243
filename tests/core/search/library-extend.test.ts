import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Answerer, parseQuestion } from '../../../src/core/answer/answerer.js';
import { loadArticles, parseArticle, type Article } from '../../../src/core/articles/content.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { Library } from '../../../src/core/search/library.js';
import { parseQuestionSet } from '../../../src/quality/evaluate.js';
import { squadArticles } from '../../../src/quality/squad-sets.js';
import { CONTENT_DIR } from '../../helpers.js';

const SAMPLE = fileURLToPath(new URL('../../../eval/squad', import.meta.url));
const names = squadArticles(SAMPLE);
const squad: Article[] = names.flatMap((name) => loadArticles(join(SAMPLE, name)));
const questions = names.flatMap((name) => parseQuestionSet(readFileSync(join(SAMPLE, `${name}.jsonl`), 'utf8')).map((q) => q.question));
const harbour = parseArticle(
  '---\ntitle: Harbour notes\nurl: https://example.com/harbour\n---\n\n## The port\n\nThe Port Authority (PA) opened a container terminal.\n\nFishermen blame the dredging of the channel for their catch.\n',
  'content/harbour.md',
);
const all = [...loadArticles(CONTENT_DIR), ...squad, harbour];

/** Every candidate the answerer ranks for each question (id, score, features) and its abstention features, as `scripts/dump-candidates.ts` prints them. */
function candidates(library: Library, texts: readonly string[]): string[] {
  const answerer = new Answerer(library);
  return texts.flatMap((text) => {
    const parsed = parseQuestion(text);
    if (parsed.terms.length === 0) return [];
    const a = answerer.assess(text, parsed, undefined);
    return [`${text} | ${a.candidates.map((c) => `${c.id}:${c.score}:${c.features.join(',')}`).join(' ')} | ${a.abstention.join(',')}`];
  });
}

/** What a library holds, read through its public face: sentences, paragraphs, term and word ids, counts. */
function contents(library: Library) {
  const vocabulary = Array.from({ length: library.termCount }, (_, id) => library.termOf(id));
  return {
    sentences: library.sentences,
    paragraphs: library.paragraphRefs,
    termIds: [...library.unitTermIds],
    wordIds: [...library.unitWordIds],
    pids: [...library.pidOf],
    terms: vocabulary.map((t) => [
      t,
      library.termId(t),
      library.idf(t),
      library.isName(t),
      library.isCommon(t),
      library.isUbiquitous(t),
      library.relatedForms(t),
    ]),
    acronym: [...library.expansions.of('pa')],
  };
}

describe('a library extended one article at a time', () => {
  // Built from one article, each next one added to the newest: every article but the first is indexed incrementally.
  const grown = all.slice(1).reduce((lib, a) => lib.withArticle(a), new Library(all.slice(0, 1)));
  const scratch = new Library(all);
  const asked = [...questions, 'What did the Port Authority open?', 'PA terminal', 'What did Samsung sign with YMTC?'];

  it('holds what a library built from scratch on the same articles holds', () => {
    expect(grown.size).toBe(scratch.size);
    expect(contents(grown)).toEqual(contents(scratch));
  });

  it('ranks every candidate of the SQuAD sample with the same scores and features as one built from scratch', () => {
    expect(candidates(grown, asked)).toEqual(candidates(scratch, asked));
  });

  it('leaves the library it was extended from answering as before', () => {
    const base = new Library(all.slice(0, 4));
    const before = candidates(base, asked);
    const extended = base.withArticle(all[4]!);
    expect(candidates(base, asked)).toEqual(before);
    expect(candidates(base, asked)).toEqual(candidates(new Library(all.slice(0, 4)), asked));
    // The base was searched first: its sorted vocabulary is merged with the added words, not sorted again.
    expect(contents(extended)).toEqual(contents(new Library(all.slice(0, 5))));
    expect(candidates(extended, asked)).toEqual(candidates(new Library(all.slice(0, 5)), asked));
  });

  it('builds from scratch when the library extended from was already extended: both results hold their own articles', () => {
    const base = new Library(all.slice(0, 3));
    const one = base.withArticle(all[3]!);
    const other = base.withArticle(all[4]!);
    expect(candidates(one, asked)).toEqual(candidates(new Library(all.slice(0, 4)), asked));
    expect(candidates(other, asked)).toEqual(candidates(new Library([...all.slice(0, 3), all[4]!]), asked));
  });
});

describe('adding an article to a Pilcrow', () => {
  it('answers as a Pilcrow built with the article does', async () => {
    const bot = new Pilcrow(all.slice(0, 3));
    bot.addArticle(harbour);
    const fresh = new Pilcrow([...all.slice(0, 3), harbour]);
    const ask = (p: Pilcrow, text: string) => p.handle({ conversationId: `x-${Math.random()}`, userId: 'u', command: { kind: 'text', text } });
    for (const text of ['Why do fishermen blame the dredging?', 'What did Samsung sign with YMTC?']) {
      expect(await ask(bot, text)).toEqual(await ask(fresh, text));
    }
    expect(bot.articles.map((a) => a.id)).toEqual(fresh.articles.map((a) => a.id));
  });
});
