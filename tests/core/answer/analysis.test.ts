import { describe, expect, it } from 'vitest';
import { findAcronymDefinitions, generalExpansions } from '../../../src/core/lexicon/expansions.js';
import { analyze, terms } from '../../../src/core/text/analyzer.js';
import { foldCharacters, looseForm } from '../../../src/core/text/normalize.js';
import { splitSentences } from '../../../src/core/text/sentences.js';
import { standsAlone } from '../../../src/core/text/standalone.js';

describe('normalization', () => {
  it('folds curly quotes, dashes and diacritics but keeps case', () => {
    expect(foldCharacters('China’s “Café” – Zürich')).toBe(`China's "Cafe" - Zurich`);
  });

  it('compares quotes loosely: case, typography and white space', () => {
    expect(looseForm('The  “Hybrid\nBonding”')).toBe(looseForm('the "hybrid bonding"'));
  });
});

describe('terms', () => {
  it('drops stop words but keeps negations', () => {
    expect(terms('Security does not come from the barriers')).toEqual(['secur', 'not', 'barrier']);
    expect(terms("it doesn't")).toEqual(['not']);
  });

  it('stems, so inflections meet (agriculture / agricultural, failed / failures share a stem or prefix)', () => {
    expect(terms('agriculture')).toEqual(terms('agricultural'));
    expect(terms('supports')).toEqual(terms('supported'));
    expect(terms('failures')[0]!.startsWith(terms('failed')[0]!)).toBe(true);
  });

  it('brings irregular forms to their base (led → lead, bought → buy, children → child)', () => {
    expect(terms('led')).toEqual(terms('leads'));
    expect(terms('bought')).toEqual(terms('buying'));
    expect(terms('children')).toEqual(terms('child'));
    // Regular words are left to the stemmer.
    expect(terms('supported')).toEqual(['support']);
  });

  it('reads possessives and curly apostrophes as the name', () => {
    expect(terms('China’s')).toEqual(terms('China'));
    expect(terms("Samsung's")).toEqual(['samsung']);
  });

  it('reads an abbreviation in capitals apart from the stop word it spells ("US" is not "us")', () => {
    expect(terms('the US told us')).toEqual(['US', ...terms('tell')]);
  });

  it('splits hyphenated words and keeps numbers and codes', () => {
    expect(terms('next-generation (V10) 5G 40 percent')).toEqual(['next', 'gener', 'v10', '5g', '40', 'percent']);
  });

  it('keeps offsets into the original text', () => {
    const text = 'Hi, “Samsung’s” chips';
    for (const t of analyze(text)) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('removes diacritics so accented and plain spellings meet', () => {
    expect(terms('Zhōngguó')).toEqual(terms('Zhongguo'));
  });
});

describe('sentences', () => {
  it('does not end a sentence at a title or an initial', () => {
    const text = 'Mr. Smith met Dr. Jones in Washington D.C. on Monday. They talked.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['Mr. Smith met Dr. Jones in Washington D.C. on Monday.', 'They talked.']);
  });

  it('does not end a sentence inside run-together initials', () => {
    const text = 'The name first appeared in 1631 in a book by J.I. Pontanus. The U.S. President read it.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'The name first appeared in 1631 in a book by J.I. Pontanus.',
      'The U.S. President read it.',
    ]);
  });

  it('tells sentences that lean on a neighbour', () => {
    expect(standsAlone('It is therefore a rational decision to absorb mature technology.')).toBe(false);
    expect(standsAlone('These examples show that companies have integrated themselves.')).toBe(false);
    expect(standsAlone('It is reported that Washington still prepares to tighten restrictions.')).toBe(true);
    expect(standsAlone('Samsung signed a patent licensing agreement with YMTC last week.')).toBe(true);
    expect(standsAlone('Human wisdom is multidimensional.')).toBe(false);
  });
});

describe('equivalents', () => {
  const ex = generalExpansions();

  it('links demonyms, countries and capitals from the country data', () => {
    expect([...ex.of(terms('Swedish')[0]!)]).toContain(terms('Sweden')[0]);
    expect([...ex.of(terms('British')[0]!)]).toEqual(expect.arrayContaining(terms('UK Britain London')));
    expect([...ex.of(terms('Americans')[0]!)]).toContain(terms('Washington')[0]);
    expect([...ex.of(terms('Korean')[0]!)]).toContain(terms('Korea')[0]);
  });

  it("takes a country's abbreviation as one of its names, without the generic words of the long form", () => {
    expect([...ex.of('US')]).toEqual(expect.arrayContaining(terms('Washington American')));
    expect([...ex.of('US')]).not.toContain(terms('states')[0]);
  });

  it('does not link common words that happen to be in a country name', () => {
    expect([...ex.of(terms('British')[0]!)]).not.toContain('great');
    expect([...ex.of('cook')]).toEqual([]);
    // "No" is Norway's code but a negation in English.
    expect([...ex.of('not')]).toEqual([]);
  });

  it('expands general abbreviations both ways', () => {
    expect([...ex.of('ai')]).toEqual(terms('artificial intelligence'));
    expect(ex.shortFormsIn(terms('electric vehicles in Europe'))).toContain('ev');
  });

  it('learns acronyms from "Full Name (ABC)" in the content', () => {
    expect(
      findAcronymDefinitions(
        'South Korea’s Samsung signed with China’s Yangtze Memory Technologies (YMTC). Data from the World Intellectual Property Organization (WIPO) shows it.',
      ),
    ).toEqual([
      ['YMTC', 'Yangtze Memory Technologies'],
      ['WIPO', 'World Intellectual Property Organization'],
    ]);
  });

  it('ignores parentheses whose initials do not spell the words before them', () => {
    expect(findAcronymDefinitions('The next-generation (V10) chips and the Big Deal (XYZ).')).toEqual([]);
  });
});
