/**
 * Sentence splitting of long paragraphs: the same spans as one pass of the segmenter over the
 * whole paragraph (the reference), at a cost that grows linearly, not quadratically.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/core/text/sentences.js';
import { splitSentences as reference } from '../../fixtures/sentences-reference.js';

// Pieces that exercise the boundary rules: abbreviations, initials, quotes, numbers, odd spacing.
const PIECES = [
  'The deal was signed. ',
  'Mr. Smith and Dr. Jones met at 3 p.m. on Jan. 5. ',
  'It cost $3.5 billion, i.e. more than expected! ',
  'Was it worth it? ',
  '“Yes,” he said. ',
  'e.g. 123 456 apples. ',
  'U.S. firms followed. ',
  'no terminator here ',
  '...and then ',
  '(see Fig. 3.) ',
  '\n',
  'A',
  '   ',
];

describe('splitSentences on long paragraphs', () => {
  it('gives exactly the spans of one segmenter pass over the whole text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 600, maxLength: 2500 }), (pieces) => {
        const text = pieces.join('').trim();
        expect(splitSentences(text)).toEqual(reference(text));
      }),
      { numRuns: 12, seed: 8 },
    );
  });

  it('handles one sentence longer than a window, and text of only spaces and periods', () => {
    const long = `${'word and word '.repeat(3000)}end. Next sentence here. ${'x. '.repeat(9000)}Last one.`;
    expect(splitSentences(long)).toEqual(reference(long));
    const odd = ' . '.repeat(12_000);
    expect(splitSentences(odd)).toEqual(reference(odd));
  });

  it('splits a 1 MB paragraph into its sentences (quadratic, this took ~48 s)', () => {
    const text = 'The quick brown fox jumps over the lazy dog near Mr. Smith. '.repeat(17_000);
    const spans = splitSentences(text);
    expect(spans).toHaveLength(17_000);
    expect(text.slice(spans[16_999]!.start, spans[16_999]!.end)).toBe('The quick brown fox jumps over the lazy dog near Mr. Smith.');
  });
});
