/**
 * Channel settings kept in a small JSON file beside the content, for a bot that must remember
 * across restarts. The port (`ChannelSettingsStore`) and its in-memory default live in the core;
 * the shared implementations (Redis, the library database) fit the same interface.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChannelSettingsStore } from '../core/ports.js';

/** The file's shape: version 1, channel id → article id, and channel id → follow mode (added later, optional). */
interface SettingsFile {
  version: 1;
  articles: Record<string, string>;
  follow?: Record<string, boolean>;
}

/**
 * Bindings in one JSON file, rewritten atomically (a temporary file renamed over it) on each
 * change, so a crash never leaves half a file. Writes are serialized within the process.
 * An unreadable or malformed file is reported through `onError` and treated as empty: losing the
 * bindings is better than refusing to start.
 */
export class FileChannelSettingsStore implements ChannelSettingsStore {
  private cache: Map<string, string> | undefined;
  private readonly follows = new Map<string, boolean>();
  private writes: Promise<void> = Promise.resolve();

  /**
   * @param file Where the bindings live, e.g. `content/.pilcrow-channels.json` (a dotfile, so the
   *   content loader skips it).
   * @param onError Told when the file exists but cannot be read as settings.
   */
  constructor(
    readonly file: string,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  async getArticle(channelId: string): Promise<string | undefined> {
    return (await this.load()).get(channelId);
  }

  async setArticle(channelId: string, articleId: string): Promise<void> {
    const map = await this.load();
    map.set(channelId, articleId);
    await this.save(map);
  }

  async getFollow(channelId: string): Promise<boolean | undefined> {
    await this.load();
    return this.follows.get(channelId);
  }

  async setFollow(channelId: string, on: boolean): Promise<void> {
    const map = await this.load();
    this.follows.set(channelId, on);
    await this.save(map);
  }

  private async save(map: Map<string, string>): Promise<void> {
    const body: SettingsFile = { version: 1, articles: Object.fromEntries(map), follow: Object.fromEntries(this.follows) };
    const next = this.writes.then(() => this.writeAtomically(`${JSON.stringify(body, null, 2)}\n`));
    this.writes = next.catch(() => undefined);
    await next;
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    const map = new Map<string, string>();
    let text: string | undefined;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.onError(`${this.file}: could not be read (${(err as Error).message}); starting with no channel articles.`);
    }
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as Partial<SettingsFile>;
        for (const [k, v] of Object.entries(parsed.articles ?? {})) if (typeof v === 'string') map.set(k, v);
        if (!this.cache) for (const [k, v] of Object.entries(parsed.follow ?? {})) if (typeof v === 'boolean') this.follows.set(k, v);
      } catch {
        this.onError(`${this.file}: not valid JSON; starting with no channel articles (the file is rewritten on the next change).`);
      }
    }
    // Two concurrent first calls may both read; the first to finish wins and both then share it.
    this.cache ??= map;
    return this.cache;
  }

  private async writeAtomically(text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = join(dirname(this.file), `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, this.file);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }
}
