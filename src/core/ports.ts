/**
 * The ports the core needs from the outside, as interfaces, with in-memory defaults for tests and
 * one-shot runs. Their lasting implementations (a file, Redis, the library database) live in
 * `src/store`; the core receives one and never opens a connection.
 */

/** Per-channel settings. Async, so a networked store fits the same shape. */
export interface ChannelSettingsStore {
  /** The article id the channel is bound to, if any. */
  getArticle(channelId: string): Promise<string | undefined>;
  /** Binds the channel to `articleId` (replacing any previous binding). */
  setArticle(channelId: string, articleId: string): Promise<void>;
  /** Whether the channel chose follow mode (on or off); undefined when it never chose. */
  getFollow(channelId: string): Promise<boolean | undefined>;
  /** Turns follow mode on or off for the channel. */
  setFollow(channelId: string, on: boolean): Promise<void>;
}

/** Bindings kept in memory: lost on restart. */
export class MemoryChannelSettingsStore implements ChannelSettingsStore {
  private readonly articles = new Map<string, string>();

  async getArticle(channelId: string): Promise<string | undefined> {
    return this.articles.get(channelId);
  }

  async setArticle(channelId: string, articleId: string): Promise<void> {
    this.articles.set(channelId, articleId);
  }

  private readonly follows = new Map<string, boolean>();

  async getFollow(channelId: string): Promise<boolean | undefined> {
    return this.follows.get(channelId);
  }

  async setFollow(channelId: string, on: boolean): Promise<void> {
    this.follows.set(channelId, on);
  }
}
