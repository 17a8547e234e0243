/**
 * `npx tsx scripts/dump-candidates.ts DIR > FILE`: every question of the SQuAD-format sets of DIR
 * (each `X.jsonl` beside its content folder `X/`) with its ranked candidates — sentence id, score
 * and every feature at full precision — and its abstention features, one line a question. Two
 * dumps taken before and after a refactor that should change nothing must be byte-identical.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/run.js';
import { Answerer, parseQuestion } from '../src/core/answer/answerer.js';
import { loadArticles } from '../src/core/articles/content.js';
import { squadArticles } from '../src/quality/squad-sets.js';
import { parseQuestionSet } from '../src/quality/evaluate.js';
import { Library } from '../src/core/search/library.js';

await runCli(async () => {
  const dir = process.argv[2];
  if (!dir) throw new Error('Usage: npx tsx scripts/dump-candidates.ts DIR > FILE   (DIR: X.jsonl question sets beside content folders X/)');
  for (const name of squadArticles(dir)) {
    const library = new Library(loadArticles(join(dir, name)));
    const answerer = new Answerer(library);
    const file = join(dir, `${name}.jsonl`);
    const lines: string[] = [];
    for (const q of parseQuestionSet(readFileSync(file, 'utf8'), file)) {
      const parsed = parseQuestion(q.question);
      if (parsed.terms.length === 0) continue;
      const a = answerer.assess(q.question, parsed, undefined);
      const candidates = a.candidates.map((c) => `${c.id}:${c.score}:${c.features.join(',')}`).join(' ');
      lines.push(`${name} | ${q.question} | ${candidates} | ${a.abstention.join(',')}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
});
