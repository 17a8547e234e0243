/** PLACEHOLDER — being written now; the public surface below is final. */
import type { ArticleInfo, CoreLogger, Feedback, Reply, Request, Suggestion } from './types.js';

export interface PilcrowOptions {
  logger?: CoreLogger;
  /** Longest question accepted; longer input is cut and the reply says so. Default 2000. */
  maxQuestionChars?: number;
}

export class Pilcrow {
  /** Loads every `*.md` in `dir` (throws ContentError naming the file and fix on bad content). */
  static async fromDirectory(_dir: string, _options: PilcrowOptions = {}): Promise<Pilcrow> {
    throw new Error('not yet');
  }
  /** Articles in the library. */
  get articles(): ArticleInfo[] {
    return [];
  }
  /** Answers one request; never throws for user input. */
  async handle(_request: Request): Promise<Reply> {
    throw new Error('not yet');
  }
  /** Records a 👍 / 👎 (logged with the question and citation). */
  feedback(_feedback: Feedback): void {}
  /** Autocomplete for questions: questions or key phrases from the article matching `typed` (≤ limit, names ≤ 100 chars). */
  suggestQuestions(_typed: string, _limit = 25): Suggestion[] {
    return [];
  }
  /** Autocomplete for paragraphs: "¶3 — opening words…" with value "3". */
  paragraphChoices(_typed: string, _limit = 25): Suggestion[] {
    return [];
  }
}
