import { beforeAll, describe, expect, it } from 'vitest';
import type { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { ask, bundledBot, converse } from '../../helpers.js';

let bot: Pilcrow;
beforeAll(async () => {
  bot = await bundledBot();
});

describe('answers on the bundled article', () => {
  it('cites the paragraph with the verbatim sentence that answers', async () => {
    const r = await ask(bot, 'What did Samsung sign with YMTC?');
    expect(r.status).toBe('answered');
    expect(r.citations[0]).toMatchObject({ paragraph: 1, label: '¶1' });
    expect(r.citations[0]!.excerpt).toContain('patent licensing agreement');
  });

  it('gives 1 to 3 citations, each with highlights inside its excerpt', async () => {
    const r = await ask(bot, 'Why is hybrid bonding crucial for Samsung?');
    expect(r.citations.length).toBeGreaterThanOrEqual(1);
    expect(r.citations.length).toBeLessThanOrEqual(3);
    const first = r.citations[0]!;
    expect(first.paragraph).toBe(2);
    const marked = first.highlights.map((h) => first.excerpt.slice(h.start, h.end).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['hybrid', 'bonding', 'crucial', 'samsung']));
  });

  it('quotes a sentence together with the one it leans on ("It is therefore …")', async () => {
    const r = await ask(bot, 'Why is absorbing Chinese technology rational for Walkreck?');
    // The sentence after ("These examples show …") scores within a whisker of these two and may join them.
    expect(
      r.citations[0]!.excerpt.startsWith(
        'On the other hand, Walkreck, a UK battery startup supported by the government, needs to avoid the failures of prominent companies such as Britishvolt and Sweden’s Northvolt. It is therefore a rational decision to absorb China’s mature technology to lower production costs.',
      ),
    ).toBe(true);
  });

  it('understands demonyms and acronyms (Swedish → Sweden, wipo → World Intellectual Property Organization)', async () => {
    expect((await ask(bot, 'Which Swedish company failed?')).citations[0]!.excerpt).toContain('Northvolt');
    expect((await ask(bot, 'wipo')).citations[0]!.excerpt).toContain('World Intellectual Property Organization');
    expect((await ask(bot, 'Are EVs a shock to Europe?')).citations[0]!.paragraph).toBe(4);
  });

  it('reads "the US" as the United States (Washington in the article)', async () => {
    const r = await ask(bot, 'What restrictions is the US planning?');
    expect(r.citations[0]!.paragraph).toBe(6);
    expect(r.citations[0]!.excerpt).toContain('tighten restrictions');
  });

  it('takes "economy" for the article\'s "economic" (forms the stemmer keeps apart)', async () => {
    const r = await ask(bot, 'What does the article say about economies?');
    expect(r.status).toBe('answered');
    expect(r.citations[0]!.excerpt).toMatch(/economic/);
  });

  it('tolerates typos in longer words', async () => {
    const r = await ask(bot, 'samsun hybird bonding');
    expect([1, 2]).toContain(r.citations[0]!.paragraph);
    expect(r.citations[0]!.excerpt).toContain('hybrid bonding');
  });
});

describe('abstention', () => {
  it('names the missing subject when the article does not mention it', async () => {
    const r = await ask(bot, 'What does the article say about India?');
    expect(r).toMatchObject({ status: 'not_covered', message: "The article doesn't mention India.", citations: [] });
  });

  it('says so when the question asks after someone by a role the article never mentions ("the mayor", "the unions")', async () => {
    const r = await ask(bot, 'What did the mayor of Seoul say about the Samsung deal?');
    expect(r).toMatchObject({ status: 'not_covered', message: "The article doesn't mention the mayor.", citations: [] });
    expect((await ask(bot, 'How did the unions react to the Walkreck agreement?')).status).toBe('not_covered');
    // A role the article has is asked about as any other word: "manufacturer" is in ¶3.
    expect((await ask(bot, 'Which battery manufacturer signed with FEB?')).status).toBe('answered');
  });

  it('does not take a longer name for the one asked about (Intel is not Intellectual Property)', async () => {
    const r = await ask(bot, 'What is Intel doing?');
    expect(r).toMatchObject({ status: 'not_covered', message: "The article doesn't mention Intel." });
  });

  it('does not let a country stand in for its capital (Tokyo is not Japan)', async () => {
    const r = await ask(bot, "What's the weather like in Tokyo?");
    expect(r.status).toBe('not_covered');
    expect(r.message).toContain('Tokyo');
  });

  it('abstains when nothing matches well enough', async () => {
    for (const q of ['How do I install Python?', 'Explain the 2008 financial crisis', 'Who is the president of France?']) {
      const r = await ask(bot, q);
      expect(r.status, q).toBe('not_covered');
      expect(r.citations, q).toEqual([]);
    }
  });

  it('answers greetings and help with the help reply, not citations', async () => {
    for (const q of ['good morning', 'hello!', 'help']) {
      const r = await ask(bot, q);
      expect(r.status, q).toBe('help');
      expect(r.citations).toEqual([]);
      expect(r.examples?.length).toBeGreaterThan(0);
    }
  });

  it('answers the question after a greeting', async () => {
    const r = await ask(bot, 'Good morning Pilcrow, what is FEB?');
    expect(r.citations[0]!.excerpt).toContain('Far East Battery');
  });
});

describe('follow-ups in a conversation', () => {
  it('judges whether a follow-up is covered on its own words, not the context it inherits', async () => {
    // Alone, "What is the weather in Tokyo?" is refused; after a question on Samsung its two words
    // make it a follow-up, and the inherited Samsung/Japan context must not carry it to a citation.
    const [, r] = await converse(bot, 'What did Samsung sign with YMTC?', 'What is the weather in Tokyo?');
    expect(r!.status).toBe('not_covered');
    expect(r!.citations).toEqual([]);
    expect(r!.message).toContain('Tokyo');
  });

  it('reads "it" in the context of the previous question', async () => {
    const [, r] = await converse(bot, "Tell me about YMTC's deal with Samsung", 'what generation of chips is it for?');
    expect(r!.citations[0]!.paragraph).toBe(2);
    expect(r!.citations[0]!.excerpt).toContain('V10');
  });

  it('continues from the last excerpt when the follow-up has no subject of its own', async () => {
    const [first, r] = await converse(bot, 'What is Washington preparing to do?', 'what does the editorial say about that?');
    expect(first!.citations[0]!.excerpt).toContain('tighten restrictions');
    expect(r!.citations[0]!.paragraph).toBe(6);
    expect(r!.citations[0]!.excerpt).toContain('natural course');
  });

  it("takes a short follow-up's own words as the subject and the context as the ranking", async () => {
    // "batteries" alone would match ¶1's Walkreck sentence; the Samsung context must not outweigh it.
    const [, r] = await converse(bot, 'What did Samsung sign with YMTC?', 'and the batteries?');
    expect(r!.status).toBe('answered');
    expect(r!.citations[0]!.excerpt).toMatch(/batter/i);
  });

  it('"what else?" pages on like "more"', async () => {
    const [first, r] = await converse(bot, 'What did Samsung sign with YMTC?', 'what else?');
    expect(r!.status).toBe('answered');
    expect(r!.citations[0]!.excerpt).not.toBe(first!.citations[0]!.excerpt);
  });

  it('does not offer the last answer again beside a follow-up answer', async () => {
    const [first, r] = await converse(bot, 'What did Samsung sign with YMTC?', 'what generation of chips is it for?');
    const before = new Set(first!.citations.map((c) => `${c.paragraph}:${c.start}`));
    for (const c of r!.citations.slice(1)) expect(before.has(`${c.paragraph}:${c.start}`)).toBe(false);
  });

  it('does not stretch a follow-up with a new, unknown subject into a continuation', async () => {
    const [, r] = await converse(bot, 'What is Washington preparing to do?', 'What about climate change?');
    expect(r!.status).toBe('not_covered');
    expect(r!.citations).toEqual([]);
  });

  it('keeps conversations apart', async () => {
    const [, inContext] = await converse(bot, 'What is Washington preparing to do?', 'what does the editorial say about that?');
    expect(inContext!.status).toBe('answered');
    // Another conversation has no "that" to refer to.
    const alone = await ask(bot, 'what does the editorial say about that?');
    expect(alone.status).toBe('invalid');
    expect(alone.citations).toEqual([]);
  });

  it('"more" gives the next excerpts of the last question, never repeating one', async () => {
    const replies = await converse(bot, 'What does the article say about cooperation?', 'more', 'more', 'more');
    const seen = new Set<string>();
    for (const r of replies.filter((x) => x.status === 'answered')) {
      for (const c of r.citations) {
        const key = `${c.paragraph}:${c.start}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    expect(replies[1]!.status).toBe('answered');
    expect(replies.at(-1)!.status).toBe('invalid');
  });

  it('"more" without a question says what to do', async () => {
    const r = await ask(bot, 'more');
    expect(r.status).toBe('invalid');
    expect(r.message).toMatch(/Ask a question first/);
  });
});

describe('commands', () => {
  it('quotes a paragraph by ¶N, "quote N" or "paragraph N"', async () => {
    for (const q of ['¶3', 'quote 3', 'paragraph 3', 'Paragraph #3']) {
      const r = await ask(bot, q);
      expect(r.status, q).toBe('quote');
      expect(r.citations[0]!.paragraph).toBe(3);
      expect(r.citations[0]!.excerpt.startsWith('Moreover, the “multiplier effect”')).toBe(true);
    }
  });

  it('says which paragraphs exist when one is out of range', async () => {
    const r = await ask(bot, 'quote 12');
    expect(r).toMatchObject({ status: 'invalid', message: 'There is no paragraph 12: the article has paragraphs 1 to 9.' });
    expect((await bot.handle({ conversationId: 'q', userId: 'u', command: { kind: 'quote', paragraph: 0 } })).status).toBe('invalid');
  });

  it('summarizes with key sentences, each cited: the news and the thesis first, the rest in article order', async () => {
    const r = await ask(bot, 'summary');
    expect(r.status).toBe('summary');
    expect(r.citations.length).toBeGreaterThanOrEqual(2);
    // The two deals of ¶1 lead, then the main claim; the others follow in article order.
    const order = r.citations.map((c) => c.paragraph);
    expect(order.slice(0, 2)).toEqual([1, 1]);
    const rest = order.slice(3);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    expect(new Set(r.citations.map((c) => `${c.paragraph}:${c.start}`)).size).toBe(order.length);
  });

  it("searches paragraphs: the matching sentence of each, with the paragraph's opening words", async () => {
    const r = await ask(bot, 'search Northvolt');
    expect(r.status).toBe('search');
    expect(r.citations.map((c) => c.paragraph)).toEqual([2]);
    expect(r.citations[0]!.excerpt).toContain('Sweden’s Northvolt');
    expect(r.citations[0]!.opening).toBe('Both of these collaborations are deeply rooted in technical considerations.');
    const many = await ask(bot, 'search hybrid bonding');
    expect(many.citations.map((c) => c.paragraph).sort()).toEqual([1, 2]);
    for (const c of many.citations) expect(c.excerpt.toLowerCase()).toContain('hybrid bonding');
    expect((await ask(bot, 'search zebras')).status).toBe('not_covered');
  });

  it('tells what the article is', async () => {
    const r = await ask(bot, 'about');
    expect(r.status).toBe('about');
    expect(r.message).toContain('Global Times (editorial)');
    expect(r.message).toContain('9 paragraphs');
    expect(r.article?.title).toMatch(/^Chinese technology going global/);
  });

  it('takes structured commands from adapters', async () => {
    const r = await bot.handle({ conversationId: 's', userId: 'u', command: { kind: 'search', query: 'patent' } });
    expect(r.status).toBe('search');
    const q = await bot.handle({ conversationId: 's', userId: 'u', command: { kind: 'ask', question: 'quote 3' } });
    // An explicit question is a question, even if it reads like a command.
    expect(q.status).not.toBe('quote');
  });
});

describe('bad input never crashes and always gets a sensible reply', () => {
  it('empty and whitespace-only (a bare mention) get the help reply', async () => {
    for (const q of ['', '   \n\t ']) {
      const r = await ask(bot, q);
      expect(r.status).toBe('help');
      expect(r.citations).toEqual([]);
    }
    // An explicit empty question from an adapter is invalid input, said plainly.
    const r = await bot.handle({ conversationId: 'e', userId: 'u', command: { kind: 'ask', question: '  ' } });
    expect(r).toMatchObject({ status: 'invalid', message: 'Ask a question about the article, or say help.' });
  });

  it('help examples name subjects of the article, not adjectives', async () => {
    const r = await ask(bot, 'help');
    expect(r.examples!.join(' ')).not.toMatch(/about Chinese\?/);
    expect(r.examples!.some((e) => /about \p{Lu}/u.test(e))).toBe(true);
  });

  it('a 100 kB message is bounded and the reply says so', async () => {
    const r = await ask(bot, `What did Samsung sign with YMTC? ${'x'.repeat(100_000)}`);
    expect(r.notices.join(' ')).toMatch(/longer than 2,000 characters/);
    expect(r.question!.length).toBeLessThanOrEqual(2000);
  });

  it('control characters, emoji, other languages, markdown and mentions', async () => {
    const inputs = [
      '\u0000\u0007\u001b[31m',
      '🙂🚀',
      '中国的科技走向世界',
      '**What** is `WIPO`?',
      '<@123456> <!here> @everyone what is FEB?',
      '> quote\n> more',
    ];
    for (const q of inputs) {
      const r = await ask(bot, q);
      expect(['answered', 'not_covered', 'invalid', 'help', 'quote', 'search', 'note'], q).toContain(r.status);
    }
    expect((await ask(bot, '**What** is `WIPO`?')).citations[0]!.paragraph).toBe(7);
    const mention = await ask(bot, '<@123456> <!here> @everyone what is FEB?');
    expect(mention.question).not.toMatch(/@everyone|<!here>|<@/);
  });

  it('an unknown article id is a clear reply', async () => {
    const r = await bot.handle({ conversationId: 'a', userId: 'u', articleId: 'nope', command: { kind: 'about' } });
    expect(r).toMatchObject({ status: 'invalid' });
    expect(r.message).toContain('"nope"');
  });
});

describe('autocomplete', () => {
  it('suggests sentences matching what is typed, at most 25, each at most 100 characters', () => {
    const s = bot.suggestQuestions('hybrid bond');
    expect(s.length).toBeGreaterThan(1);
    expect(s.length).toBeLessThanOrEqual(25);
    for (const c of s) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(s.some((c) => /hybrid bonding/i.test(c.name))).toBe(true);
  });

  it('lists paragraphs by number and opening words, filtered by what is typed', () => {
    expect(bot.paragraphChoices('')).toHaveLength(9);
    expect(bot.paragraphChoices('7')[0]).toEqual({ name: expect.stringMatching(/^¶7 — Data from the World/), value: '7' });
    expect(bot.paragraphChoices('Northvolt').map((c) => c.value)).toEqual(['2']);
  });
});
