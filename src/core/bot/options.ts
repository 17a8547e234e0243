/** What a Pilcrow instance is given: its stores, its logger, and how articles are added and removed. */
import type { Article } from '../articles/content.js';
import type { ConversationStore } from './conversation.js';
import type { ChannelSettingsStore } from '../ports.js';
import type { ArticleSource, CoreLogger, QuestionLogSink } from '../types.js';

/**
 * Turns a link, a local file or an attachment into an article saved in the content folder
 * (`src/ingest` provides one), recording `tenant` as its owner (the returned article's `tenant`).
 * Throws a `UserFacingError` for anything the user should be told (a tenant's cap reached, too).
 */
export type ArticleLoader = (source: ArticleSource, addedBy: string, tenant?: string) => Promise<Article>;

/**
 * Deletes the article `id` where added articles are kept (`src/store` provides one): true when it
 * was an article added from chat and is gone, false when no added article has that id (a bundled
 * one, from the content folder, is never removed).
 */
export type ArticleDeleter = (id: string) => Promise<boolean>;

/** Options of a Pilcrow instance. */
export interface PilcrowOptions {
  logger?: CoreLogger;
  /** Longest question accepted; longer input is cut and the reply says so. Default 2000. */
  maxQuestionChars?: number;
  /** Where conversations are kept. Default: in memory, bounded, expiring. */
  store?: ConversationStore;
  /** Where each channel's current article is kept. Default: in memory. */
  channels?: ChannelSettingsStore;
  /** How `add`/`load` turn a source into an article. Unset: adding articles is off. */
  loadArticle?: ArticleLoader;
  /** How `remove <id>` deletes an added article. Unset: removing articles is off. */
  deleteArticle?: ArticleDeleter;
  /** Where answered and refused questions and feedback are reported. Default: nowhere. */
  log?: QuestionLogSink;
  /** Follow mode for channels that have not chosen (`FOLLOW_THREADS`). Default off. */
  followThreads?: boolean;
}

/** Longest question accepted by default (`maxQuestionChars`). */
export const DEFAULT_MAX_QUESTION_CHARS = 2000;
