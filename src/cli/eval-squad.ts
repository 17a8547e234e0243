/**
 * `npm run eval:squad -- [DIR] [--json] [--article NAME]…`: every `X.jsonl` of DIR (default: the
 * committed sample `eval/squad`) against its folder `X/`, per article and macro-averaged, beside
 * plain MiniSearch on the same paragraphs.
 */
import { evaluateSquad, type SquadArticleReport } from '../quality/squad-sets.js';
import { parseCli } from '../runtime/args.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run eval:squad -- [options] [DIR]

Answer quality on SQuAD-format articles, per article and macro-averaged, beside plain MiniSearch.

  DIR             a folder of X.jsonl question sets, each beside a content folder X/ (default: eval/squad)

Options:
  --json          print the report as JSON
  --article NAME  only this article (repeatable)
  -h, --help      show this help`;

await runCli(async () => {
  const { values, positionals } = parseCli(USAGE, { json: { type: 'boolean' }, article: { type: 'string', multiple: true } }, undefined, true);
  const dir = positionals[0] ?? 'eval/squad';
  const report = await evaluateSquad(dir, values.article);
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const pct = (x: number | null) => (x === null ? '   —  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const row = (name: string, r: Omit<SquadArticleReport, 'article' | 'questions' | 'answerable'>) =>
    `${name.padEnd(44)} ${pct(r.hitAt1)} ${pct(r.hitAt3)} ${pct(r.quoteAt1)} ${pct(r.falseAbstentionRate)} ${pct(r.offArticleAbstained)} ${pct(r.impossibleAbstained)}   ${pct(r.baseline.hitAt1)} ${pct(r.baseline.hitAt3)}`;
  console.log(`${'article'.padEnd(44)}  hit@1  hit@3 quote@1 falseAb offArt  imposs.   MS@1   MS@3`);
  for (const a of report.articles) console.log(row(a.article, a));
  console.log(row(`macro average (${report.articles.length} articles)`, report.macro));
  console.log(
    '\nfalseAb: answerable questions refused; offArt: questions from other articles refused; imposs.: SQuAD 2.0 adversarial\n' +
      'unanswerables refused (for information); MS: plain MiniSearch over the paragraphs (never abstains).',
  );
});
