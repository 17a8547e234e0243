/** `npm run eval:claims -- FILE [--content DIR] [--json]`: checks a claim set and prints how the verdicts fit. */
import { readFileSync } from 'node:fs';
import { evaluateClaims, parseClaimSet } from '../quality/evaluate-claims.js';
import { Pilcrow } from '../core/bot/pilcrow.js';
import { parseCli } from '../runtime/args.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run eval:claims -- [options] FILE

Checks every claim of a claim set (JSON Lines: claim, kind, paragraphs, article) and prints how
many verdicts fit: supported claims marked supported with a right paragraph first, altered claims
not marked supported, unrelated claims marked not found.

Options:
  --content DIR   the folder of articles (default: ./content)
  --json          print the report as JSON
  -h, --help      show this help`;

await runCli(async () => {
  const { values, positionals } = parseCli(USAGE, { content: { type: 'string' }, json: { type: 'boolean' } }, undefined, true);
  const file = positionals[0];
  if (!file) throw new Error(`${USAGE}`);
  const claims = parseClaimSet(readFileSync(file, 'utf8'), file);
  const bot = await Pilcrow.fromDirectory(values.content ?? 'content');
  const report = await evaluateClaims(bot, claims);
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const line = (name: string, r: { right: number; of: number }) => `${name} ${r.right}/${r.of}`;
  console.log(`${file}: ${claims.length} claims`);
  console.log(
    `${line('supported marked supported (right paragraph first)', report.supported)}   ${line('altered not marked supported', report.altered)}   ${line('unrelated marked not found', report.unrelated)}`,
  );
  console.log(`verdicts: ${report.verdicts.supported} supported, ${report.verdicts.partly} partly, ${report.verdicts['not-found']} not found`);
  if (report.misses.length > 0) {
    console.log('\nMisses:');
    console.table(report.misses.map((m) => ({ claim: m.claim.slice(0, 70), kind: m.kind, verdict: m.verdict ?? '—', got: m.got.join(',') || '—' })));
  }
});
