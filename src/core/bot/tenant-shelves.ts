/**
 * Each tenant's shelf: the articles every tenant sees (the bundled ones, and those added before
 * tenants were recorded) plus the ones it added itself, never another tenant's. The core keeps one
 * library of every article; a tenant whose view is all of it is answered from that library, one
 * that sees less gets a shelf of its own, built on first use and kept until the library changes
 * (an article added after the others is indexed alone, as `Shelf.withArticle` does).
 */
import { LRUCache } from 'lru-cache';
import type { Article } from '../articles/content.js';
import { Shelf } from './shelf.js';

/** Most tenant shelves kept at once; one used after that is rebuilt (an index build) on its next request. */
const MAX_SHELVES = 200;

/** Whether a request of `tenant` sees `article`: its own, or one every tenant sees; a request with no tenant sees all. */
export function visibleTo(article: Article, tenant: string | undefined): boolean {
  return tenant === undefined || article.tenant === undefined || article.tenant === tenant;
}

export class TenantShelves {
  /** Per tenant: its shelf, and the whole shelf it was read from (a changed library is read again). */
  private readonly cache = new LRUCache<string, { whole: Shelf; shelf: Shelf }>({ max: MAX_SHELVES });

  /**
   * The shelf `tenant` answers from, given the whole library's shelf; undefined when the tenant
   * sees no article at all (no bundled article, and it added none).
   */
  shelf(whole: Shelf, tenant: string | undefined): Shelf | undefined {
    const all = whole.library.articles;
    // The common case, and every single-tenant deployment: nothing hidden, the one library serves.
    if (all.every((a) => visibleTo(a, tenant))) return whole;
    const entry = this.cache.get(tenant!);
    if (entry?.whole === whole) return entry.shelf;
    const visible = all.filter((a) => visibleTo(a, tenant));
    if (visible.length === 0) return undefined;
    const shelf = entry ? reuse(entry.shelf, visible) : new Shelf(visible);
    this.cache.set(tenant!, { whole, shelf });
    return shelf;
  }
}

/** `previous` when it holds `visible` already; extended when `visible` adds one article after it; else a new shelf. */
function reuse(previous: Shelf, visible: readonly Article[]): Shelf {
  const held = previous.library.articles;
  const prefix = held.length <= visible.length && held.every((a, i) => a === visible[i]);
  if (prefix && held.length === visible.length) return previous;
  if (prefix && held.length + 1 === visible.length) return previous.withArticle(visible.at(-1)!);
  return new Shelf(visible);
}
