/** The first things people say: what is it about, who wrote it, when, where from, thanks, another language. */
import { describe, expect, it } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { parseArticle } from '../../../src/core/articles/content.js';
import { detectIntent, foreignLanguage } from '../../../src/core/answer/intents.js';
import { ask, bundledBot } from '../../helpers.js';

const withDetails = parseArticle(
  '---\ntitle: Harbour cranes\nauthor: Marta Velde\npublished: 2024-03-14\nsource: The Coastal Ledger\nurl: https://ledger.example/cranes\n---\n\nThe port will replace forty diesel cranes.\n\nThe cranes move containers around the clock.\n',
  'cranes.md',
);

describe('first questions on the bundled article (no author or date in its front matter)', () => {
  it.each([['What is this article about?'], ['What is this about?'], ["what's it about"], ['What does the article say?']])(
    '"%s" gives the about line and the key sentences, cited',
    async (q) => {
      const reply = await ask(await bundledBot(), q);
      expect(reply.status).toBe('summary');
      expect(reply.message).toMatch(/^"Chinese technology going global .*" — source: Global Times \(editorial\) — 9 paragraphs$/);
      expect(reply.citations.length).toBeGreaterThanOrEqual(3);
      // It leads with the news (who did what), not the opening's "Two significant developments…".
      expect(reply.citations[0]!.excerpt).toContain('Samsung Electronics has signed a patent licensing agreement');
    },
  );

  it('"Who wrote it?" says no author is given, and where it is from', async () => {
    const reply = await ask(await bundledBot(), 'Who wrote it?');
    expect(reply).toMatchObject({ status: 'note', message: "The article's details don't name an author. It is from Global Times (editorial).", citations: [] });
  });

  it('"When was it published?" says no date is given, instead of citing ¶7 ("publications")', async () => {
    const reply = await ask(await bundledBot(), 'When was it published?');
    expect(reply).toMatchObject({
      status: 'note',
      message: "The article's details don't give a publication date. It is from Global Times (editorial).",
      citations: [],
    });
  });

  it('"thanks!" gets a short reply, not the help text', async () => {
    for (const t of ['thanks!', 'Thank you', 'ok thanks 👍', 'cheers']) {
      const reply = await ask(await bundledBot(), t);
      expect(reply.status, t).toBe('note');
      expect(reply.message, t).toBe("You're welcome. Ask another question about the article whenever you like.");
    }
  });

  it.each([
    ['Wie viel Prozent der Chips kommen aus China?', 'German'],
    ['这篇文章讲的是什么？', 'Chinese'],
    ['Qué dice el artículo sobre Samsung?', 'Spanish'],
    ['Что Samsung подписала с YMTC?', 'Russian'],
  ])('"%s" is answered that Pilcrow reads English (%s)', async (q, language) => {
    const reply = await ask(await bundledBot(), q);
    expect(reply.status).toBe('note');
    expect(reply.message).toBe(
      `I read questions in English only, and this looks like ${language}. Please ask in English — the answers quote the article as written.`,
    );
  });
});

describe('first questions on an article with every detail', () => {
  const bot = new Pilcrow([withDetails]);
  it.each([
    ['Who wrote it?', '“Harbour cranes” is by Marta Velde. It is from The Coastal Ledger.'],
    ['Who is the author?', '“Harbour cranes” is by Marta Velde. It is from The Coastal Ledger.'],
    ['When was it published?', '“Harbour cranes” was published on 2024-03-14. It is from The Coastal Ledger.'],
    ['Where is it from?', '“Harbour cranes” is from The Coastal Ledger. Link: https://ledger.example/cranes'],
  ])('"%s" → %s', async (q, message) => {
    expect((await ask(bot, q)).message).toBe(message);
  });
});

describe('language detection does not take English questions for another language', () => {
  it('English questions full of foreign names stay English', () => {
    for (const q of [
      'What did Samsung sign with YMTC?',
      'Who was the creator of NYPD Blue?',
      'What does Yeke Mongghul Ulus mean?',
      'quantum computing',
      'samsun hybird bonding',
      'Walkreck FEB batteries?',
      'Karakorum kurultai Ögedei Khan succession',
    ]) {
      expect(foreignLanguage(q)?.sure ?? false, q).toBe(false);
    }
  });

  it('a question of English dictionary words is English whatever the detector makes of it: the Huguenot question is answered', async () => {
    // tinyld reads this one as another language; its words are WordNet's, so it is not asked.
    const article = parseArticle('---\ntitle: Huguenots\n---\n\nThe Edict of Fontainebleau officially ended limited Huguenot autonomy in 1685.\n', 'h.md');
    const reply = await ask(new Pilcrow([article]), 'What proclamation officially ended limited Huguenot autonomy?');
    expect(detectIntent('What proclamation officially ended limited Huguenot autonomy?')).toBeUndefined();
    expect(reply.status).toBe('answered');
  });

  it('an unsure guess still lets the article answer', async () => {
    // Mostly names, so the dictionary does not decide; the detector's guess is not sure.
    const article = parseArticle('---\ntitle: Mongols\n---\n\nKublai named his realm Yeke Mongghul Ulus, the Great Mongol State.\n', 'm.md');
    const q = 'Yeke Mongghul Ulus of Kublai';
    expect(detectIntent(q)).toMatchObject({ kind: 'not_english', sure: false });
    expect((await ask(new Pilcrow([article]), q)).status).toBe('answered');
  });
});
