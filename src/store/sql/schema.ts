/**
 * The question log's tables, as Kysely sees them. Times are milliseconds since the epoch, so
 * that SQLite and PostgreSQL bucket days the same way (integer division).
 */
import type { Generated } from 'kysely';

/** One answered or refused question. */
export interface QuestionsTable {
  id: string;
  at: number;
  platform: string;
  /** Whose question it was (`Request.tenant`); null when the request had none, or before tenants were kept. */
  tenant: string | null;
  article: string;
  status: 'answered' | 'not_covered';
  /** Null when STORE_QUESTIONS=0: then only `terms` is kept. */
  question: string | null;
  /** Content words, space-separated. */
  terms: string;
  /** A refusal's missing words, sorted and space-separated ('' for answers): the gap's key. */
  missing: string;
  user_hash: string;
  conversation_hash: string;
  /** The first cited paragraph (null for refusals): feedback is counted against it. */
  first_paragraph: number | null;
  up: Generated<number>;
  down: Generated<number>;
}

/** One citation of an answer. */
export interface CitationsTable {
  question_id: string;
  position: number;
  at: number;
  article: string;
  paragraph: number;
  excerpt: string;
}

/** Settings of the log itself (the salt for hashing ids). */
export interface MetaTable {
  key: string;
  value: string;
}

/** The whole database. */
export interface LogDatabase {
  questions: QuestionsTable;
  citations: CitationsTable;
  pilcrow_meta: MetaTable;
}
