/**
 * Reading the content folder's article files without blocking the event loop. Parsing a large
 * article (front matter, Markdown, sentence splitting) takes a while, and a live reload runs
 * while the process is serving: /healthz, answers, platform heartbeats must not wait for it. So
 * the files are read in a worker thread; where no worker can start, on the main thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readArticle, type Article } from '../core/articles/content.js';

/** One file read: its article, or why it could not be read. */
export type ReadOutcome = { file: string; article: Article } | { file: string; error: string };

/** Reads and parses `files` of the content folder `dir` on this thread. */
export function readArticles(dir: string, files: readonly string[]): ReadOutcome[] {
  return files.map((file) => {
    try {
      return { file, article: readArticle(dir, file) };
    } catch (err) {
      return { file, error: err instanceof Error ? err.message : String(err) };
    }
  });
}

/**
 * Reads and parses `files` in a worker thread (one per call: reloads are rare), resolving with
 * the same outcomes as `readArticles`. Rejects when the worker cannot run (the caller may then
 * read on the main thread).
 */
export function readArticlesOffThread(dir: string, files: readonly string[]): Promise<ReadOutcome[]> {
  const self = import.meta.url;
  // From source (tsx, tests) the worker is TypeScript and needs tsx's loader; from dist it is JavaScript.
  const fromSource = self.endsWith('.ts');
  const moduleUrl = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', self).href;
  // tsx's own ESM entry: its CommonJS one cannot register the loader from a worker.
  const tsx = fromSource ? pathToFileURL(join(dirname(createRequire(self).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href : undefined;
  // From source, a small script registers tsx first (only dynamic imports: it runs as CommonJS or ESM).
  const boot = `import('node:worker_threads').then(async ({ workerData }) => {
    (await import(workerData.tsx)).register();
    await import(workerData.moduleUrl);
  });`;
  return new Promise((resolve, reject) => {
    const workerData = { dir, files: [...files], moduleUrl, tsx };
    const worker = tsx ? new Worker(boot, { eval: true, workerData }) : new Worker(new URL(moduleUrl), { workerData });
    let settled = false;
    worker.once('message', (outcomes: ReadOutcome[]) => {
      settled = true;
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`article reader worker exited with code ${code} before answering`));
      settled = true;
    });
  });
}
