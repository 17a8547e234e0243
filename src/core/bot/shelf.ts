/**
 * The shelf: the articles of one library and everything read from them: the index, the answerer,
 * each sentence's role in the argument, the discussion answers and claim checks, the key sentences
 * and example questions. Replaced whole when articles are added, changed or removed; an article
 * added after the others is analysed and indexed alone (`withArticle`), the rest built anew.
 */
import { createHash } from 'node:crypto';
import { Answerer } from '../answer/answerer.js';
import { summarize } from '../answer/summary.js';
import { DiscussionAnswerer } from '../argument/answers.js';
import { ClaimChecker } from '../argument/claims.js';
import { authorNames, authorPattern, withAuthorNamed } from '../argument/questions.js';
import { ArgumentMap } from '../argument/roles.js';
import type { Article } from '../articles/content.js';
import { Library } from '../search/library.js';
import type { Citation } from '../types.js';
import type { ConversationState } from './conversation.js';
import { exampleQuestions } from './texts.js';

/** What a stored conversation was answered against: a prefix of the library's articles. */
export type LibraryStamp = NonNullable<ConversationState['library']>;

export class Shelf {
  readonly library: Library;
  readonly answerer: Answerer;
  /** Each sentence's role in its article's argument, read per article on first discussion. */
  readonly argument: ArgumentMap;
  readonly discussion: DiscussionAnswerer;
  readonly claims: ClaimChecker;
  /** Cumulative fingerprints: `[i]` covers articles 0..i, so a conversation survives articles added after it. */
  private readonly fingerprints: string[] = [];
  /** How each article's author and publication may be named in a question, made on first use. */
  private authorPatterns: { each: Array<RegExp | undefined>; all: RegExp | undefined } | undefined;
  private summary: Citation[] | undefined;
  private exampleList: string[] | undefined;

  /**
   * `base`, when given, is the shelf of the first of `articles` (`withArticle`): its library is
   * built on, and its articles' fingerprints kept.
   * @throws Error when `articles` is empty or two share an id.
   */
  constructor(articles: readonly Article[], base?: Shelf) {
    if (articles.length === 0) throw new Error('Pilcrow: the library needs at least one article.');
    const ids = new Set(articles.map((a) => a.info.id));
    if (ids.size !== articles.length) throw new Error('Pilcrow: two articles share an id; ids are file paths and must be unique.');
    const extended = base !== undefined && articles.length === base.library.articles.length + 1 && base.library.articles.every((a, i) => a === articles[i]);
    this.library = extended ? base.library.withArticle(articles.at(-1)!) : new Library(articles);
    if (extended) this.fingerprints.push(...base.fingerprints);
    for (const a of articles.slice(this.fingerprints.length)) {
      const hash = createHash('sha1')
        .update(this.fingerprints.at(-1) ?? '')
        .update(a.info.id)
        .update('\0');
      for (const p of a.paragraphs) hash.update(p.text).update('\0');
      this.fingerprints.push(hash.digest('base64url'));
    }
    this.answerer = new Answerer(this.library);
    this.argument = new ArgumentMap(this.library);
    this.discussion = new DiscussionAnswerer(this.library, this.argument, this.answerer);
    this.claims = new ClaimChecker(this.library, this.answerer, this.argument);
  }

  /**
   * This shelf with `article` added after the others: only `article` is analysed and indexed (see
   * `Library.withArticle`); the argument, summary and examples are read anew, on first use.
   * This shelf is left as it was and keeps serving.
   * @throws Error when an article has `article`'s id.
   */
  withArticle(article: Article): Shelf {
    return new Shelf([...this.library.articles, article], this);
  }

  /** The stamp of the whole library, kept with a conversation's state. */
  stamp(): LibraryStamp {
    const n = this.library.articles.length;
    return { articles: n, fingerprint: this.fingerprints[n - 1]! };
  }

  /** Whether a conversation stamped `stamp` was answered against articles still here, unchanged. */
  holds(stamp: LibraryStamp | undefined): boolean {
    return !stamp || this.fingerprints[stamp.articles - 1] === stamp.fingerprint;
  }

  /** The key sentences, computed on first use (start-up stays an index build). */
  get keySentences(): Citation[] {
    return (this.summary ??= summarize(this.library, this.argument));
  }

  /** Example questions, computed once. */
  examples(): string[] {
    return (this.exampleList ??= exampleQuestions(this.library));
  }

  /** `text` with the author and publication of the article(s) at `articleIndex` (all when undefined) named "the author". */
  withAuthorNamed(text: string, articleIndex: number | undefined): string {
    const patterns = (this.authorPatterns ??= {
      each: this.library.articles.map((a) => authorPattern(authorNames(a.info))),
      all: authorPattern(this.library.articles.flatMap((a) => authorNames(a.info))),
    });
    return withAuthorNamed(text, articleIndex === undefined ? patterns.all : patterns.each[articleIndex]);
  }

  /** An article by id (exact, then ignoring case), or by a title or id that only one article starts with. */
  findArticle(wanted: string): number | undefined {
    const w = wanted.trim().replace(/^["“']|["”']$/g, '');
    const list = this.library.articles;
    let i = list.findIndex((a) => a.info.id === w);
    if (i < 0) i = list.findIndex((a) => a.info.id.toLowerCase() === w.toLowerCase());
    if (i >= 0) return i;
    const starts = list.flatMap((a, k) =>
      w.length >= 3 && (a.info.id.toLowerCase().startsWith(w.toLowerCase()) || a.info.title.toLowerCase().startsWith(w.toLowerCase())) ? [k] : [],
    );
    return starts.length === 1 ? starts[0] : undefined;
  }

  /** The index of article `id`; with none given, 0 when the library holds one article, else undefined; null when no article has that id. */
  articleIndex(id: string | undefined): number | undefined | null {
    if (id === undefined) return this.library.articles.length === 1 ? 0 : undefined;
    const i = this.library.articles.findIndex((a) => a.info.id === id);
    return i < 0 ? null : i;
  }
}
