/** `npm run eval -- FILE [--content DIR] [--json]`: runs a question set and prints the metrics. */
import { readFileSync } from 'node:fs';
import { evaluate, evaluateBaseline, parseQuestionSet } from '../quality/evaluate.js';
import { Pilcrow } from '../core/bot/pilcrow.js';
import { parseCli } from '../runtime/args.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run eval -- [options] [FILE]

Runs a question set (JSON Lines; default eval/article-dev.jsonl) and prints hit@1, hit@3, quote@1,
abstentions, latency and the misses, beside plain MiniSearch on the same paragraphs.

Options:
  --content DIR   the folder of articles (default: ./content)
  --json          print the report as one JSON object
  -h, --help      show this help`;

await runCli(async () => {
  const { values, positionals } = parseCli(USAGE, { content: { type: 'string' }, json: { type: 'boolean' } }, undefined, true);
  const file = positionals[0] ?? 'eval/article-dev.jsonl';
  const questions = parseQuestionSet(readFileSync(file, 'utf8'), file);
  const bot = await Pilcrow.fromDirectory(values.content ?? 'content');
  const report = await evaluate(bot, questions);
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`${file}: ${report.questions} questions, ${report.answerable} answerable`);
  console.log(`hit@1 ${pct(report.hitAt1)}   hit@3 ${pct(report.hitAt3)}   quote@1 ${pct(report.quoteAt1)}`);
  console.log(`abstentions ${report.abstentions.correct}/${report.abstentions.expected} right, ${report.falseAbstentions} false`);
  console.log(`latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms`);
  const base = evaluateBaseline(bot.library.articles, questions);
  console.log(
    `baseline (plain MiniSearch on paragraphs): hit@1 ${pct(base.hitAt1)}   hit@3 ${pct(base.hitAt3)}   abstentions ${base.abstentions.correct}/${base.abstentions.expected} right, ${base.falseAbstentions} false`,
  );
  if (report.misses.length > 0) {
    console.log('\nMisses:');
    console.table(
      report.misses.map((m) => ({
        question: m.question.slice(0, 60),
        expected: m.expected.join(',') || '—',
        got: m.got.join(',') || '—',
        reason: m.reason,
        excerpt: (m.excerpt ?? '').slice(0, 60),
      })),
    );
  }
});
