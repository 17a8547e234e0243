/**
 * Conversation context behind an interface: in memory by default (an LRU bounded in size, with a
 * TTL), so a shared store can replace it later. States are plain JSON-able data.
 */
import { LRUCache } from 'lru-cache';
import type { QueryTerm } from '../search/types.js';
import type { ThreadRecord } from './thread.js';

/** What a conversation remembers between requests. */
export interface ConversationState {
  /** The last question's own terms (not its context), to carry into follow-ups. */
  lastTerms: QueryTerm[];
  /** The last question as asked. */
  lastQuestion: string;
  /** The last question's ranked sentences (ids), for "more". */
  ranked: number[];
  /** Sentence ids already shown for the last question. */
  shown: number[];
  /** Where the last excerpt ended: "why does that matter?" continues from there. */
  lastExcerpt?: { sentenceIds: number[] };
  /** The article the conversation is about, when the library holds several. */
  articleIndex?: number;
  /**
   * The library it was answered against: its first `articles` articles, by fingerprint. Sentence
   * ids are only meaningful while those articles are unchanged (adding more after them is fine).
   */
  library?: { articles: number; fingerprint: string };
  /** In a discussion thread: what it has covered, for `recap` and follow mode. */
  thread?: ThreadRecord;
}

/** Storage for conversation states. Async so a shared (networked) store fits the same shape. */
export interface ConversationStore {
  get(conversationId: string): Promise<ConversationState | undefined>;
  set(conversationId: string, state: ConversationState): Promise<void>;
  delete(conversationId: string): Promise<void>;
}

/** Options of the in-memory store. */
export interface MemoryStoreOptions {
  /** Most conversations kept (least recently used go first). Default 10,000. */
  max?: number;
  /** Milliseconds a conversation is kept after its last use. Default 6 hours. */
  ttlMs?: number;
  /** Clock in milliseconds (for tests). Default: `performance.now`. */
  now?: () => number;
}

/** The default store: an LRU with a TTL, so memory stays bounded however many threads there are. */
export class MemoryConversationStore implements ConversationStore {
  private readonly cache: LRUCache<string, ConversationState>;

  constructor(options: MemoryStoreOptions = {}) {
    this.cache = new LRUCache({
      max: options.max ?? 10_000,
      ttl: options.ttlMs ?? 6 * 60 * 60 * 1000,
      updateAgeOnGet: true,
      ...(options.now ? { perf: { now: options.now } } : {}),
    });
  }

  async get(id: string): Promise<ConversationState | undefined> {
    return this.cache.get(id);
  }

  async set(id: string, state: ConversationState): Promise<void> {
    this.cache.set(id, state);
  }

  async delete(id: string): Promise<void> {
    this.cache.delete(id);
  }

  /** Conversations currently held. */
  get size(): number {
    return this.cache.size;
  }
}
