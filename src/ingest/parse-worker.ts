/**
 * The worker side of `readArticlesOffThread` (see read-articles.ts): reads and parses the article
 * files it is given, off the main thread, and posts back each article or the reason it failed.
 * Articles are plain data, so they cross the thread boundary by structured clone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readArticles } from './read-articles.js';

const { dir, files } = workerData as { dir: string; files: string[] };
parentPort?.postMessage(readArticles(dir, files));
