/** The parts of a library that libraries extended from it share and grow (`Library.withArticle`). */

/**
 * The numbering of terms and words, and what was counted last, shared by a library and the
 * libraries extended from it (`withArticle`). It only grows at the end: each library reads the
 * entries below its own counts, so the one extended keeps answering as it did.
 */
export interface Numbering {
  /** Each term's id. */
  termIds: Map<string, number>;
  /** Each term by its id. */
  termOfId: string[];
  /** By term id, the last sentence counted in its document frequency (building only). */
  lastCounted: number[];
  /** The library's content words (folded, not stemmed), numbered. */
  wordIds: Map<string, number>;
  /** Each term written as a name somewhere, with the first sentence where it is. */
  nameSince: Map<string, number>;
}

/**
 * `base` (or nothing) followed by `added`, as one array: a view from the start of a buffer with
 * room to grow by an eighth, so that a library extended from this one (`withArticle`) writes its
 * entries after the base's in place, past the end of every view of the base, instead of copying
 * them (copying a large library's arrays cost more than indexing an article).
 */
export function appended(base: Int32Array | undefined, added: readonly number[]): Int32Array {
  const from = base?.length ?? 0;
  const length = from + added.length;
  let out: Int32Array;
  if (base && base.byteOffset === 0 && base.buffer.byteLength >= length * Int32Array.BYTES_PER_ELEMENT) out = new Int32Array(base.buffer, 0, length);
  else {
    out = new Int32Array(new ArrayBuffer((length + (length >> 3) + 1024) * Int32Array.BYTES_PER_ELEMENT), 0, length);
    if (base) out.set(base);
  }
  out.set(added, from);
  return out;
}
