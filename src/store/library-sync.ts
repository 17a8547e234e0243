/**
 * Keeps a running bot's library equal to the bundled articles (the content folder, watched) plus
 * the articles added from chat (the database, re-read when an instance says it changed). Articles
 * already served keep their place and their parsed object, so conversations keep their context
 * and an unchanged library is not rebuilt.
 */
import { parseArticle, type Article } from '../core/articles/content.js';
import type { CoreLogger } from '../core/types.js';
import type { AddedArticleStore } from './library.js';

/** The bot's side: what it holds, and replacing it (Pilcrow fits). */
export interface LibraryTarget {
  readonly library: { readonly articles: readonly Article[] };
  setArticles(articles: readonly Article[]): void;
}

/** Bundled plus added articles, composed into one bot. */
export class LibrarySync {
  private bundled: readonly Article[];
  /** Parsed added articles by id, with the text they were parsed from. */
  private added = new Map<string, { text: string; article: Article }>();
  private target: LibraryTarget | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly shadowed = new Set<string>();
  /**
   * This instance's own changes, numbered: a re-read that began before one of them may not have
   * seen it, so it is applied again on top of what that re-read found.
   */
  private local: Array<{ seq: number; id: string; entry: { text: string; article: Article } | undefined }> = [];
  private seq = 0;
  /** Stored ids that do not parse (reported once each; not re-read for nothing every check). */
  private invalid = new Set<string>();

  constructor(
    private readonly store: AddedArticleStore,
    bundled: readonly Article[],
    private readonly logger: CoreLogger,
  ) {
    this.bundled = bundled;
  }

  /** Reads the added articles and returns the whole library, for building the bot. */
  async initial(): Promise<Article[]> {
    await this.read();
    return this.compose();
  }

  /** From now on, changes go to `target`. */
  attach(target: LibraryTarget): void {
    this.target = target;
  }

  /** The content watcher's view: the bundled articles only; what it sets is composed with the added ones. */
  get bundledView(): LibraryTarget {
    const bundled = () => this.bundled;
    return {
      library: {
        get articles() {
          return bundled();
        },
      },
      setArticles: (articles) => {
        this.bundled = articles;
        this.apply();
      },
    };
  }

  /** Whether `id` is a bundled article (those are never removed from chat). */
  isBundled(id: string): boolean {
    return this.bundled.some((a) => a.info.id === id);
  }

  /** Notes an article this instance just stored (the core serves it already): no re-read needed. */
  remember(id: string, text: string, tenant?: string): void {
    try {
      const entry = { text, article: owned(parseArticle(text, `added article ${id}`, id), tenant) };
      this.added.set(id, entry);
      this.local.push({ seq: ++this.seq, id, entry });
    } catch {
      // It was parsed before it was stored; the next re-read reports it if not.
    }
  }

  /** Notes an article this instance just removed (the core dropped it already). */
  forget(id: string): void {
    this.added.delete(id);
    this.local.push({ seq: ++this.seq, id, entry: undefined });
  }

  /** Re-reads the added articles and applies them (one at a time; a failure is logged, the library kept, and the promise resolves). */
  refresh(): Promise<void> {
    const run = this.queue.then(async () => {
      await this.read();
      this.apply();
    });
    const settled = run.catch((err: unknown) =>
      this.logger.warn({ event: 'library_refresh_failed', err: String(err) }, 'could not re-read the added articles; the library loaded keeps serving'),
    );
    this.queue = settled;
    return settled;
  }

  /**
   * Re-reads only when the stored ids differ from the ones held (articles are added and removed,
   * never edited): the safety net for a change message that was lost.
   */
  async check(): Promise<void> {
    const stored = await this.store.ids();
    const held = new Set([...this.added.keys(), ...this.invalid]);
    if (stored.length !== held.size || stored.some((id) => !held.has(id))) {
      this.logger.info({ event: 'library_caught_up' }, 'the added articles changed without a message reaching this instance; re-reading them');
      await this.refresh();
    }
  }

  private async read(): Promise<void> {
    const began = this.seq;
    const next = new Map<string, { text: string; article: Article }>();
    const invalid = new Set<string>();
    for (const record of await this.store.list()) {
      const known = this.added.get(record.id);
      if (known && known.text === record.text && known.article.tenant === record.tenant) {
        next.set(record.id, known);
        continue;
      }
      try {
        next.set(record.id, { text: record.text, article: owned(parseArticle(record.text, `added article ${record.id}`, record.id), record.tenant) });
      } catch (err) {
        // Checked before it was stored, so only a hand-edited row gets here.
        invalid.add(record.id);
        if (!this.invalid.has(record.id))
          this.logger.warn(
            { event: 'added_article_invalid', id: record.id, reason: (err as Error).message },
            'an added article in the database does not parse; skipped',
          );
      }
    }
    for (const change of this.local) {
      if (change.seq <= began) continue;
      if (change.entry) next.set(change.id, change.entry);
      else next.delete(change.id);
    }
    this.local = this.local.filter((c) => c.seq > began);
    this.added = next;
    this.invalid = invalid;
  }

  private compose(): Article[] {
    const ids = new Set(this.bundled.map((a) => a.info.id));
    const out = [...this.bundled];
    for (const [id, { article }] of this.added) {
      if (ids.has(id)) {
        if (!this.shadowed.has(id))
          this.logger.warn({ event: 'added_article_shadowed', id }, 'an added article has the id of a bundled one; the bundled one is served');
        this.shadowed.add(id);
        continue;
      }
      out.push(article);
    }
    return out;
  }

  private apply(): void {
    const target = this.target;
    if (!target) return;
    const current = target.library.articles;
    const byId = new Map(current.map((a) => [a.info.id, a]));
    // The object already served when its content is the same: nothing to rebuild for it.
    const next = this.compose().map((a) => {
      const old = byId.get(a.info.id);
      return old && sameArticle(old, a) ? old : a;
    });
    if (next.length === 0) return;
    const order = new Map(current.map((a, i) => [a.info.id, i]));
    const rank = (a: Article, i: number) => order.get(a.info.id) ?? order.size + i;
    const ranked = next
      .map((a, i) => ({ a, r: rank(a, i) }))
      .sort((x, y) => x.r - y.r)
      .map((x) => x.a);
    if (ranked.length === current.length && ranked.every((a, i) => a === current[i])) return;
    target.setArticles(ranked);
  }
}

/** `article`, owned by `tenant` when there is one (only that tenant's requests see it). */
function owned(article: Article, tenant: string | undefined): Article {
  if (tenant !== undefined) article.tenant = tenant;
  return article;
}

function sameArticle(a: Article, b: Article): boolean {
  return (
    a.tenant === b.tenant &&
    JSON.stringify(a.info) === JSON.stringify(b.info) &&
    a.paragraphs.length === b.paragraphs.length &&
    a.paragraphs.every((p, i) => p.text === b.paragraphs[i]!.text && p.section === b.paragraphs[i]!.section)
  );
}
