import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { bundledBot, pieceDir } from '../../helpers.js';

/**
 * Claim checks that need a light reading of the words: numbers written differently, spans of
 * time, shares, and who did what to whom. A small made-up opinion piece, so that each expected
 * verdict can be read off its text.
 */
let dir: string;
let bot: Pilcrow;
let bundled: Pilcrow;
let tram: Pilcrow;
let tramDir: string;
beforeAll(async () => {
  tramDir = pieceDir('tram', [
    '---',
    'title: "Build the Lowmoor tram"',
    'source: "Lowmoor Courier (editorial)"',
    '---',
    '',
    'On Tuesday the transport office published its study of the Lowmoor tram, a 12-kilometre line from the station to the hospital.',
    '',
    'The study says a trip would take 19 minutes, and that 46 percent of riders would leave a car at home. The operator would run the line on a 30-year concession.',
    '',
    'Others argue that buses alone can carry the load. The evidence says otherwise: the buses on the hospital route are full by eight every morning.',
    '',
    'When Harbury opened its tram in 2011, critics called it a waste. Ridership in Harbury has grown by 18 percent since.',
    '',
    'This newspaper wants the council to fund the first stage in May.',
  ]);
  tram = await Pilcrow.fromDirectory(tramDir);
  dir = pieceDir('ferry', [
    '---',
    'title: "Keep the night ferry running"',
    'source: "Portwick Herald (opinion)"',
    'author: "Lena Marsh"',
    '---',
    '',
    'Last week the harbour board voted to cut the night ferry, which the volunteer crew of Portwick has run for ten unpaid years.',
    '',
    'The board plans to keep three of the eight evening sailings, and says the change would save about six weeks of fuel each winter.',
    '',
    'Portwick bought its two new engines from Calder Marine, and while there is cost in the engines, the value of the service is much larger.',
    '',
    'The board should keep the night ferry running.',
  ]);
  bot = await Pilcrow.fromDirectory(dir);
  bundled = await bundledBot();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(tramDir, { recursive: true, force: true });
});

const check = (b: Pilcrow, claim: string) => b.handle({ conversationId: `check-${claim}`, userId: 'u', command: { kind: 'check', claim } });

describe('claim checks read numbers as quantities', () => {
  it('holds "a decade" against "ten years", and "without pay" against "unpaid"', async () => {
    const r = await check(bot, 'the volunteer crew ran the night ferry without pay for a decade');
    expect(r.verdict).toBe('supported');
    expect(r.citations[0]?.paragraph).toBe(1);
  });

  it('tells a span in weeks from one in months', async () => {
    // Six weeks of fuel is not six months of it: the number holds, the unit does not.
    expect((await check(bot, 'the change would save about six weeks of fuel each winter')).verdict).toBe('supported');
    expect((await check(bot, 'the change would save about six months of fuel each winter')).verdict).toBe('partly');
  });

  it('reads "three of the eight" as fewer than half, and not as more than half', async () => {
    expect((await check(bot, 'the board plans to keep fewer than half of the evening sailings')).verdict).toBe('supported');
    expect((await check(bot, 'the board plans to keep more than half of the evening sailings')).verdict).not.toBe('supported');
  });
});

describe('claim checks notice who did what to whom', () => {
  it('marks a comparison turned round as not supported', async () => {
    // The text: "while there is cost …, the value of the service is much larger".
    expect((await check(bot, 'the value of the service is much larger than the cost')).verdict).toBe('supported');
    expect((await check(bot, 'the cost is much larger than the value of the service')).verdict).toBe('partly');
  });

  it('marks a seller made the buyer as not supported', async () => {
    // Portwick bought from Calder Marine: engines went from Calder Marine to Portwick.
    expect((await check(bot, 'Portwick bought its new engines from Calder Marine')).verdict).toBe('supported');
    expect((await check(bot, 'Portwick sold its new engines to Calder Marine')).verdict).not.toBe('supported');
  });

  it('resolves "the latter": Samsung acquired the technology from YMTC, not the other way round', async () => {
    expect((await check(bundled, 'Samsung licensed its hybrid bonding technology to YMTC')).verdict).not.toBe('supported');
    expect((await check(bundled, 'Samsung acquired hybrid bonding technology from YMTC')).verdict).toBe('supported');
  });
});

describe('claim checks read claims as people paraphrase them', () => {
  it('holds a rough number within a tenth ("nearly half" for 46 percent), a bound on a span ("under an hour" for 19 minutes) and "a 30-year" span', async () => {
    expect((await check(tram, 'nearly half of riders would leave a car at home')).verdict).toBe('supported');
    expect((await check(tram, 'a trip to the hospital would take under an hour')).verdict).toBe('supported');
    expect((await check(tram, 'the concession would last thirty years')).verdict).toBe('supported');
    // A bound is not a rough number: 46 percent is not "more than half".
    expect((await check(tram, 'more than half of riders would leave a car at home')).verdict).not.toBe('supported');
  });

  it("takes the article's setting and its publication as read, not as a name the excerpt must hold", async () => {
    // Lowmoor is the piece's subject (its title); the Courier is its publication.
    expect((await check(tram, 'a trip in Lowmoor would take 19 minutes')).verdict).toBe('supported');
    expect((await check(tram, 'the Courier wants the council to fund the first stage')).verdict).toBe('supported');
  });

  it('does not take "the editorial says X" from an objection the editorial answers, nor a direction reversed in an irregular verb', async () => {
    expect((await check(tram, 'the editorial says buses alone can carry the load')).verdict).not.toBe('supported');
    // "shrunk" and "grown" are "shrink" and "grow", which run opposite ways.
    const shrunk = await check(tram, 'ridership in Harbury has shrunk by 18 percent');
    expect(shrunk.verdict).toBe('partly');
    expect(shrunk.message).toContain('“shrunk”, where it reads the other way');
  });

  it('calls a claim about a place the article never mentions not found', async () => {
    const r = await check(tram, "the tram's carriages will be built in Brazil");
    expect(r.verdict).toBe('not-found');
    expect(r.citations).toEqual([]);
  });
});

describe('claim checks read changes and shares as people write them', () => {
  let mill: Pilcrow;
  let millDir: string;
  beforeAll(async () => {
    millDir = pieceDir('mill', [
      '---',
      'title: "Keep the Ashby mill open"',
      'source: "Ashby Falls Record (editorial)"',
      '---',
      '',
      'When the town of Ashby Falls sold its mill in 2012, buyers promised lower prices; within four years the price of flour had doubled.',
      '',
      'Since the co-op took over in 2018, sales have grown from $1.2 million to $2.7 million, and roughly one in five of its workers is under 25.',
      '',
      'Kestrel Mills cut its night shift in 2020. Waste there fell by half within a year.',
      '',
      'The council should keep the mill in local hands.',
    ]);
    mill = await Pilcrow.fromDirectory(millDir);
  });
  afterAll(() => rmSync(millDir, { recursive: true, force: true }));

  it('holds "a fifth" against "one in five", and a factor against a change from one figure to another', async () => {
    expect((await check(mill, 'about a fifth of the co-op workers are under 25')).verdict).toBe('supported');
    expect((await check(mill, "the co-op's sales more than doubled after it took over")).verdict).toBe('supported');
    // 2.7 / 1.2 is 2.25: not "more than tripled".
    expect((await check(mill, "the co-op's sales more than tripled after it took over")).verdict).not.toBe('supported');
  });

  it('reads "fell by half" in the sentence after the one naming who, and a change of direction across word kinds', async () => {
    expect((await check(mill, 'Kestrel Mills halved its waste after cutting the night shift')).verdict).toBe('supported');
    // "Ashby Falls" holds no fall: flour prices doubled, they did not fall.
    const fell = await check(mill, 'the price of flour fell after Ashby Falls sold its mill');
    expect(fell.verdict).toBe('partly');
    expect(fell.message).toContain('where it reads the other way');
  });

  it('decides a claim about the side the author takes by what the piece asks for', async () => {
    // "The council should keep the mill in local hands."
    const keep = await check(mill, 'the editorial supports keeping the mill in local hands');
    expect(keep.verdict).toBe('supported');
    expect(keep.citations[0]?.paragraph).toBe(4);
    const against = await check(mill, 'the Record opposes keeping the mill in local hands');
    expect(against.verdict).toBe('partly');
    expect(against.message).toContain('the side the author takes, which is the other way');
    expect((await check(mill, 'the editorial thinks the council should abandon the mill')).verdict).toBe('partly');
    expect((await check(mill, 'the editorial thinks the council should keep the mill in local hands')).verdict).toBe('supported');
    // Keeping and returning run opposite ways, whatever the sentence's other words.
    expect((await check(mill, 'the editorial thinks the council should return the mill to its buyers')).verdict).not.toBe('supported');
  });

  it('calls a claim that shares only its names with the article not found', async () => {
    const r = await check(mill, 'the Ashby Falls co-op sued Kestrel Mills in an international court');
    expect(r.verdict).toBe('not-found');
    expect(r.citations).toEqual([]);
  });
});
