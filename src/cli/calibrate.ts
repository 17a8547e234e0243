/**
 * `npm run calibrate -- DIR [--folds N] [--dry-run]`: fits the question-word weights and the ranking and abstention models on
 * the SQuAD-format question sets of DIR (each `X.jsonl` beside its content folder `X/`), reports
 * the figures of cross-validation by article (each fold's articles held out of its fit), then fits
 * on every article and writes `src/core/answer/question-words.json`, `ranking-model.json` and `abstention-model.json`.
 */
import { writeFileSync } from 'node:fs';
import { ABSTENTION_FEATURES } from '../core/answer/abstention.js';
import { FEATURES } from '../core/answer/ranking.js';
import { averages, collect, fit, load, score, without, wordUse, type Scores } from '../quality/calibrate.js';
import { questionWordWeights } from '../quality/calibration.js';
import { squadArticles } from '../quality/squad-sets.js';
import { parseCli, UsageError } from '../runtime/args.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run calibrate -- [options] DIR

Fits the question-word weights, the ranker and the abstention model on the SQuAD-format question
sets of DIR (each X.jsonl beside its content folder X/), prints the figures of cross-validation by
article, then fits on all and writes src/core/answer/question-words.json, ranking-model.json and
abstention-model.json.

Options:
  --folds N                 cross-validation folds (default 8)
  --dry-run                 report only; write nothing
  --without FEATURE,...     also report with these ranking features left out (repeatable)
  -h, --help                show this help`;

await runCli(async () => {
  const { values, positionals } = parseCli(
    USAGE,
    { folds: { type: 'string' }, 'dry-run': { type: 'boolean' }, without: { type: 'string', multiple: true } },
    undefined,
    true,
  );
  const dir = positionals[0];
  if (!dir) throw new UsageError(`No folder of question sets given.\n\n${USAGE}`);
  // Each --without names ranking features to leave out, for a cross-validated figure without them.
  const ablations = (values.without ?? []).map((list) => {
    const names = list.split(',').filter(Boolean);
    const unknown = names.filter((n) => !(FEATURES as readonly string[]).includes(n));
    if (unknown.length > 0) throw new Error(`--without: no ranking feature named ${unknown.join(', ')} (they are: ${FEATURES.join(', ')})`);
    return { names, indices: names.map((n) => (FEATURES as readonly string[]).indexOf(n)) };
  });
  const names = squadArticles(dir);
  const sources = names.map((n) => load(dir, n));
  const folds = Math.min(names.length, Number(values.folds ?? '8'));

  // Cross-validation: each article is scored by models, and question-word weights, fitted without it.
  const perArticle: Scores[] = [];
  const perAblation = ablations.map(() => [] as Scores[]);
  for (let k = 0; k < folds; k++) {
    const held = new Set(names.filter((_, i) => i % folds === k));
    const words = questionWordWeights(wordUse(sources.filter((s) => !held.has(s.name))));
    const rows = new Map(sources.map((s) => [s.name, collect(s, words)]));
    const fitted = (drop: readonly number[]) =>
      fit(
        without(
          names.filter((n) => !held.has(n)).flatMap((n) => rows.get(n)!),
          drop,
        ),
      );
    const models = fitted([]);
    for (const n of held) perArticle.push(score(rows.get(n)!, models));
    ablations.forEach(({ indices }, j) => {
      const m = fitted(indices);
      for (const n of held) perAblation[j]!.push(score(without(rows.get(n)!, indices), m));
    });
  }
  const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
  const figures = averages(perArticle);
  const total = perArticle.reduce(
    (a, s) => ({ refusedRight: a.refusedRight + s.offRefused, refused: a.refused + s.offRefused + s.refused, off: a.off + s.off }),
    { refusedRight: 0, refused: 0, off: 0 },
  );
  console.log(`cross-validated by article (${folds} folds, ${names.length} articles), macro average:`);
  console.log(`  hit@1 ${pct(figures.hit)}   hit@3 ${pct(figures.hit3)}   quote@1 ${pct(figures.quote)}`);
  console.log(`  false abstentions ${pct(figures.refused)}   off-article abstained ${pct(figures.offRefused)}`);
  console.log(`  abstention precision ${pct(total.refusedRight / total.refused)}   recall ${pct(total.refusedRight / total.off)}`);
  const line = (f: ReturnType<typeof averages>) =>
    `hit@1 ${pct(f.hit)}  hit@3 ${pct(f.hit3)}  quote@1 ${pct(f.quote)}  false ${pct(f.refused)}  off-article ${pct(f.offRefused)}`;
  ablations.forEach(({ names: dropped }, j) => console.log(`  without ${dropped.join(', ')}: ${line(averages(perAblation[j]!))}`));

  const words = questionWordWeights(wordUse(sources));
  const all = sources.flatMap((s) => collect(s, words));
  const reachable = all.filter((r) => r.answerable && r.rightParagraph.some(Boolean)).length / all.filter((r) => r.answerable).length;
  console.log(`a right paragraph among the candidates for ${(reachable * 100).toFixed(1)}% of answerable questions`);
  const models = fit(all);
  console.log(`ranking weights: ${FEATURES.map((f, i) => `${f} ${models.ranker.weights[i]!.toFixed(3)}`).join(', ')}`);
  console.log(
    `abstention weights: ${ABSTENTION_FEATURES.map((f, i) => `${f} ${models.abstention.weights[i]!.toFixed(3)}`).join(', ')}; bias ${models.abstention.bias.toFixed(3)}, threshold ${models.abstention.threshold.toFixed(3)}`,
  );
  if (values['dry-run']) return;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const write = (file: string, data: object) => writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  write('src/core/answer/question-words.json', words);
  write('src/core/answer/ranking-model.json', { features: FEATURES, weights: models.ranker.weights.map(round), bias: 0 });
  write('src/core/answer/abstention-model.json', {
    features: ABSTENTION_FEATURES,
    weights: models.abstention.weights.map(round),
    bias: round(models.abstention.bias),
    threshold: round(models.abstention.threshold),
  });
  console.log(
    `question words: ${Object.entries(words)
      .map(([w, x]) => `${w} ${x}`)
      .join(', ')}`,
  );
  console.log('wrote src/core/answer/question-words.json, ranking-model.json and abstention-model.json');
});
