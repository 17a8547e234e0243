/** `npm run eval -- FILE [--content DIR] [--json]`: runs a question set and prints the metrics. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluate, evaluateBaseline, parseQuestionSet } from '../core/evaluate.js';
import { Pilcrow } from '../core/pilcrow.js';
import { runCli } from './run.js';

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { content: { type: 'string', default: 'content' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0] ?? 'eval/article-dev.jsonl';
  const questions = parseQuestionSet(readFileSync(file, 'utf8'), file);
  const bot = await Pilcrow.fromDirectory(values.content!);
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
