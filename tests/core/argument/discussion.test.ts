import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOf, isWhyFollowUp, readDiscussionQuestion, topicOf } from '../../../src/core/argument/questions.js';
import { ArgumentMap } from '../../../src/core/argument/roles.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { ask, bundledBot, converse, pieceDir } from '../../helpers.js';

let bot: Pilcrow;
beforeAll(async () => {
  bot = await bundledBot();
});

/** The reading of the sentence of `bot`'s library whose text starts with `opening`. */
function roleOf(library: Pilcrow['library'], map: ArgumentMap, opening: string) {
  const s = library.sentences.find((x) => map.text(x.id).startsWith(opening));
  if (!s) throw new Error(`no sentence starts with ${opening}`);
  return map.reading(s.id);
}

describe('reading the argument of the bundled editorial', () => {
  it('marks the objection the author answers, the reply to it, the evidence and the close', () => {
    const map = new ArgumentMap(bot.library);
    // "under the pretext of" attributes a view to others, which the next sentence turns against.
    expect(roleOf(bot.library, map, 'Some countries justify their refusal').role).toBe('objection');
    expect(roleOf(bot.library, map, 'However, China’s success').reply).toBeGreaterThan(0.5);
    // WIPO's ranking and a percentage of publications: data from named sources.
    expect(roleOf(bot.library, map, 'Data from the World Intellectual Property Organization').role).toBe('evidence');
    expect(roleOf(bot.library, map, 'Research reports indicate').role).toBe('evidence');
    // The closing paragraph's strongest claim is the conclusion.
    expect(roleOf(bot.library, map, 'With an open and inclusive approach').role).toBe('conclusion');
    // A reported event with the names of who did it.
    expect(roleOf(bot.library, map, 'First, South Korea’s Samsung Electronics').role).toBe('report');
  });
});

describe('questions about the argument', () => {
  it('answers "What\'s the author\'s main argument?" with the claims the piece argues, labelled', async () => {
    const r = await ask(bot, "What's the author's main argument?");
    expect(r.status).toBe('answered');
    expect([2, 4, 8, 9]).toContain(r.citations[0]!.paragraph);
    expect(r.citations[0]!.role).toMatch(/author/);
    // Each excerpt is still a verbatim slice of its paragraph.
    for (const c of r.citations) expect(bot.library.articles[0]!.paragraphs[c.paragraph - 1]!.text.slice(c.start, c.end)).toBe(c.excerpt);
  });

  it('answers how the editorial concludes from its last paragraph, and how it opens from its first', async () => {
    expect((await ask(bot, 'How does the article conclude?')).citations[0]!.paragraph).toBe(9);
    expect((await ask(bot, "What is the editorial's central claim?")).citations.length).toBeGreaterThan(0);
    expect((await ask(bot, 'How does the editorial open?')).citations[0]!.paragraph).toBe(1);
  });

  it("gives the author's view of a subject with the fact it comments on", async () => {
    const r = await ask(bot, 'What does the author think about US export restrictions?');
    expect(r.citations[0]!.paragraph).toBe(6);
    expect(r.citations[0]!.excerpt).toContain('tighten restrictions');
    expect(r.citations[0]!.excerpt).toContain('Politicizing technology in this way');
  });

  it('finds the objections the editorial pushes back on, each with its reply when it follows', async () => {
    const r = await ask(bot, 'Which criticisms does the editorial push back on?');
    expect(r.status).toBe('answered');
    expect(r.citations.map((c) => c.paragraph)).toEqual(expect.arrayContaining([3, 9]));
    expect(r.citations.find((c) => c.paragraph === 9)!.excerpt).toContain('However');
  });

  it('gives the evidence: the data and the reports', async () => {
    const r = await ask(bot, 'What evidence does the editorial give?');
    expect(r.citations[0]!.paragraph).toBe(7);
  });

  it('takes the author and the publication named in the question as the author', async () => {
    const r = await ask(bot, 'What is the Global Times trying to argue here?');
    expect([2, 4, 8, 9]).toContain(r.citations[0]?.paragraph);
    // A plural possessive too: "the Global Times' view of …" is the author's view.
    const view = await ask(bot, "What is the Global Times' view of Washington's export curbs?");
    expect(view.citations[0]?.paragraph).toBe(6);
  });

  it('says a topic the article lacks is not covered, naming it', async () => {
    const r = await ask(bot, "What is the author's view on Taiwan?");
    expect(r.status).toBe('not_covered');
    expect(r.citations).toEqual([]);
    expect(r.message).toContain('Taiwan');
  });
});

describe('judgements of the article itself', () => {
  it.each(['Is this propaganda?', 'Is the author biased?', 'Can I trust this?', 'Is this article trustworthy?'])(
    '"%s" gets what is known about it, no excerpt',
    async (q) => {
      const r = await ask(bot, q);
      expect(r.status).toBe('note');
      expect(r.citations).toEqual([]);
      expect(r.message).toContain("doesn't assess itself");
      expect(r.message).toContain('an editorial');
      expect(r.message).toContain('Global Times');
    },
  );
});

describe('follow-ups stay on their subject', () => {
  it('"and the evidence?" after a question on innovation gives the data on it', async () => {
    expect(readDiscussionQuestion('and the evidence?')).toMatchObject({ kind: 'evidence', anaphoric: true });
    const [, evidence] = await converse(bot, 'Does the author think China is innovating?', 'and the evidence?');
    expect(evidence!.citations[0]).toMatchObject({ paragraph: 7, role: 'evidence' });
  });

  it('"why does that matter?" after a question on Samsung answers about Samsung', async () => {
    const [, why] = await converse(bot, 'What technology did Samsung get from YMTC?', 'and why does that matter?');
    expect(why!.citations[0]!.excerpt).toContain('crucial for Samsung');
  });

  it('"why?" and "why did they do it?" keep to Samsung, not the next deal', async () => {
    const [, why, again] = await converse(bot, 'What did Samsung sign with YMTC?', 'why?', 'why did they do it?');
    expect(why!.citations[0]!.excerpt).toMatch(/Samsung/);
    expect(again!.citations[0]!.excerpt).toMatch(/Samsung/);
  });

  it.each(['say more', 'tell me more', 'go on', 'continue', 'elaborate'])('"%s" means more', async (phrase) => {
    const [first, more] = await converse(bot, 'What does the author say about national security?', phrase);
    expect(more!.status).toBe('answered');
    const shown = new Set(first!.citations.map((c) => `${c.paragraph}:${c.start}`));
    // Further excerpts, not the same ones again.
    expect(more!.citations.some((c) => !shown.has(`${c.paragraph}:${c.start}`))).toBe(true);
  });

  it('"what\'s the author\'s take on that?" reads "that" as the last question\'s subject', async () => {
    const [, take] = await converse(bot, 'What is Washington preparing to do?', "what's the author's take on that?");
    expect(take!.citations[0]!.excerpt).toContain('Politicizing technology');
  });
});

describe('summary', () => {
  it('leads with the news — both deals, who did what — before the thesis', async () => {
    const r = await ask(bot, 'summary');
    expect(r.citations[0]!.excerpt).toContain('Samsung Electronics has signed');
    expect(r.citations[1]!.excerpt).toContain('Walkreck reached a licensing agreement');
    expect(r.citations.every((c) => !c.excerpt.startsWith('Two significant developments'))).toBe(true);
  });
});

describe('claim checks', () => {
  const check = (claim: string) => bot.handle({ conversationId: `check-${claim}`, userId: 'u', command: { kind: 'check', claim } });

  it('marks a claim the excerpt backs word for word as supported, citing it', async () => {
    const r = await check('YMTC owns the hybrid bonding technology');
    expect(r.verdict).toBe('supported');
    expect(r.message).toMatch(/^Supported/);
    expect(r.citations[0]!.paragraph).toBe(2);
  });

  it('marks a changed number, name or direction as partly, showing what the article says instead', async () => {
    const years = await check('China has topped the patent ranking for three consecutive years');
    expect(years.verdict).toBe('partly');
    expect(years.citations[0]!.excerpt).toContain('five consecutive years');
    expect(years.message).toContain('“three”');
    expect((await check('YMTC signed a licensing deal with Intel')).verdict).toBe('partly');
    expect((await check('Washington plans to loosen limits on bilateral tech investments')).verdict).toBe('partly');
    expect((await check("China's share of quantum computing publications is under 10 percent")).verdict).toBe('partly');
  });

  it("decides 'the author opposes X' by the author's side on X, not by the words X shares with an excerpt", async () => {
    const opposes = await ask(bot, 'check the author opposes tech cooperation with China');
    expect(opposes.verdict).toBe('partly');
    expect(opposes.message).toContain('the side the author takes, which is the other way');
    expect((await ask(bot, 'check the author supports tech cooperation with China')).verdict).toBe('supported');
  });

  it('marks an unrelated claim not found, with no citation', async () => {
    const r = await check('Germany banned Chinese electric vehicles last year');
    expect(r.verdict).toBe('not-found');
    expect(r.status).toBe('not_covered');
    expect(r.citations).toEqual([]);
  });

  it('accepts a bound on a number: "over 40 percent" backs "more than 30 percent"', async () => {
    expect((await check("China's contribution to AI and quantum computing publications is more than 30 percent of the global total")).verdict).toBe(
      'supported',
    );
  });

  it('is asked in plain words too: "Is it true that …?", "Does the article say …?", "check …"', async () => {
    for (const q of [
      'Is it true that YMTC owns the hybrid bonding technology?',
      'Does the article say that YMTC owns the hybrid bonding technology?',
      'check YMTC owns the hybrid bonding technology',
    ]) {
      const r = await ask(bot, q);
      expect(r.verdict, q).toBe('supported');
    }
  });

  it('does not take "the author wants X" from a sentence that only reports X', async () => {
    // ¶6 reports Washington's plans; the editorial condemns them.
    const r = await check('the author wants Washington to tighten restrictions on technology exports to China');
    expect(r.verdict).not.toBe('supported');
  });
});

describe('recognizing discussion questions', () => {
  it('leaves questions about the world to the look-up ("What are examples of economic actors?")', () => {
    expect(readDiscussionQuestion('What are examples of economic actors?')).toBeUndefined();
    expect(readDiscussionQuestion('How long did it take Johnson to respond to Kennedy?')).toBeUndefined();
    expect(readDiscussionQuestion("What was the main idea of James Hutton's paper?")).toBeUndefined();
  });

  it('reads the kind and the topic of a discussion question', () => {
    expect(readDiscussionQuestion('What does the author think about US export restrictions?')).toMatchObject({ kind: 'view', topic: 'US export restrictions' });
    expect(readDiscussionQuestion('What is the point the editorial is making?')).toMatchObject({ kind: 'thesis', topic: '' });
    expect(topicOf('What data backs up the claim that China is innovating?')).toBe('China innovating');
    expect(isWhyFollowUp('so what?')).toBe(true);
    expect(claimOf('Is it true that China topped the ranking?')).toBe('China topped the ranking');
    expect(claimOf('Is it true?')).toBeUndefined();
  });

  it('reads frames phrased the ways people ask them, and keeps the frame out of the topic', () => {
    // The gist, what it pushes for or drives at: the main argument, with no topic of its own.
    expect(readDiscussionQuestion("What's the gist of the column?")).toMatchObject({ kind: 'thesis', topic: '' });
    expect(readDiscussionQuestion('What is the author pushing for?')).toMatchObject({ kind: 'thesis', topic: '' });
    expect(readDiscussionQuestion("What's the author driving at in this piece?")).toMatchObject({ kind: 'thesis', topic: '' });
    // The close and the opening, with nothing but the frame, or a word describing the work.
    expect(readDiscussionQuestion('How does it end?')).toMatchObject({ kind: 'conclusion' });
    expect(readDiscussionQuestion('Sum up where the editorial lands at the end.')).toMatchObject({ kind: 'conclusion' });
    expect(readDiscussionQuestion('How does the guest essay begin?')).toMatchObject({ kind: 'opening' });
    expect(readDiscussionQuestion('Which two deals does the editorial lead with?')).toMatchObject({ kind: 'opening' });
    // "he" in the present tense is the author; the frame's other words stay in the topic.
    expect(readDiscussionQuestion('Does he think nostalgia is a good reason to stay?')).toMatchObject({ kind: 'view', topic: 'nostalgia good reason stay' });
    expect(readDiscussionQuestion('What compromise does the editorial put forward?')).toMatchObject({ kind: 'view', topic: 'compromise' });
    expect(readDiscussionQuestion('Is the newspaper for or against the rail line?')).toMatchObject({ kind: 'view', topic: 'rail line' });
    // Suspecting, fearing, being worried: the author's view too.
    expect(readDiscussionQuestion('Does the author suspect an ulterior motive behind the order?')).toMatchObject({
      kind: 'view',
      topic: 'ulterior motive behind order',
    });
    expect(readDiscussionQuestion('Is the columnist worried about costs?')).toMatchObject({ kind: 'view', topic: 'costs' });
    // The past tense of a history's subject is not the author's view.
    expect(readDiscussionQuestion('What did he think was everywhere in the universe?')).toBeUndefined();
  });

  it('reads "in one line", "TL;DR" and "boil it down" as asking for the main point, not about the number one', () => {
    expect(readDiscussionQuestion('In one line, what is the reviewer arguing?')).toMatchObject({ kind: 'thesis', topic: '' });
    expect(readDiscussionQuestion('TL;DR?')).toMatchObject({ kind: 'thesis', topic: '' });
    expect(readDiscussionQuestion('Boil it down for me: what does the nurse want?')).toMatchObject({ kind: 'thesis', topic: '' });
    expect(readDiscussionQuestion("What's the editorial's bottom line?")).toMatchObject({ kind: 'thesis', topic: '' });
    // A reviewer, a commentator or a contributor wrote the piece as much as an author did.
    expect(readDiscussionQuestion('Where does the review end up?')).toMatchObject({ kind: 'conclusion' });
    expect(readDiscussionQuestion('What does the columnist want Tessaline to do?')).toMatchObject({ kind: 'conclusion' });
    // A brevity opening before a question about the world leaves it one.
    expect(readDiscussionQuestion('In short, how many people live in Brackenridge?')).toBeUndefined();
  });
});

describe('on an opinion piece it has not seen', () => {
  let dir: string;
  let other: Pilcrow;
  beforeAll(async () => {
    dir = pieceDir('bike-lanes', [
      '---',
      'title: "Millbrook should finish its bike lanes"',
      'source: "Millbrook Gazette (opinion)"',
      'author: "Dana Whitfield"',
      '---',
      '',
      'Last month the Millbrook council paused work on the Elm Street bike lane after shop owners complained about lost parking.',
      '',
      'A 2024 survey by the Regional Transport Office found that 38 percent of residents would cycle to work if the lanes were finished.',
      '',
      'Critics argue that the lanes hurt local shops. In fact, sales on streets with finished lanes rose by 6 percent in the year after they opened.',
      '',
      'The council should finish the network it started, because half a lane protects no one.',
    ]);
    other = await Pilcrow.fromDirectory(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the thesis, the evidence, the objection and its reply', async () => {
    expect((await ask(other, "What is the author's main argument?")).citations[0]!.paragraph).toBe(4);
    expect((await ask(other, 'What evidence does the columnist give?')).citations[0]!.paragraph).toBe(2);
    const objection = (await ask(other, 'What objections does Whitfield answer?')).citations[0]!;
    expect(objection.paragraph).toBe(3);
    expect(objection.excerpt).toContain('In fact');
  });

  it('calls it an opinion piece when asked to judge it', async () => {
    const r = await ask(other, 'Is this biased?');
    expect(r.message).toContain('an opinion piece');
    expect(r.message).toContain('Dana Whitfield');
  });
});

describe('what the author concedes', () => {
  let dir: string;
  let piece: Pilcrow;
  beforeAll(async () => {
    dir = pieceDir('night-buses', [
      '---',
      'title: "Bring back the night buses"',
      'source: "Harlow Courier (editorial)"',
      '---',
      '',
      'In January the Harlow transit board cut the last three night bus routes to save $2 million a year, and voted to grant the depot to a developer.',
      '',
      'Shift workers at the hospital and the port now walk or pay for taxis they cannot afford.',
      '',
      'To be fair to the board, the routes were expensive to run and rarely full before midnight.',
      '',
      'Still, a city that runs around the clock needs buses that do too. We are asking the board to vote for the routes again this spring.',
    ]);
    piece = await Pilcrow.fromDirectory(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers "Does the editorial admit any drawbacks?" with the point it grants, labelled', async () => {
    expect(readDiscussionQuestion('Does the editorial admit any drawbacks to night buses?')).toMatchObject({ kind: 'concession' });
    const r = await ask(piece, 'What does the editorial concede?');
    // Only ¶3 grants a point: "grant the depot to a developer" is a gift, not a concession.
    expect(r.citations.map((c) => c.paragraph)).toEqual([3]);
    expect(r.citations[0]!.role).toBe('what the author concedes');
  });

  it('answers "for or against?" first with what the piece asks for, as the author\'s claim', async () => {
    const r = await ask(piece, 'Is the editorial for or against the night bus routes?');
    expect(r.citations[0]!.excerpt).toBe('We are asking the board to vote for the routes again this spring.');
    expect(r.citations[0]!.role).toMatch(/^the author's (?:main )?claim$/);
  });

  it('says a piece that grants the other side nothing concedes nothing, even right after another answer', async () => {
    const [, r] = await converse(bot, 'What did Samsung sign with YMTC?', 'What does the editorial concede?');
    expect(r).toMatchObject({ status: 'not_covered', message: 'The article grants nothing to the other side.', citations: [] });
  });

  it('reads "What worries the editorial?" as its own worry, and "Which worries does it answer?" as the objections', () => {
    expect(readDiscussionQuestion('What worries the editorial about the port?')).toMatchObject({ kind: 'view', topic: 'port' });
    expect(readDiscussionQuestion('Which worries does the editorial answer?')).toMatchObject({ kind: 'objections' });
  });
});
