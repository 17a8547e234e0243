import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { bundledBot } from '../../helpers.js';

/**
 * Claim checks that need a light reading of the words: numbers written differently, spans of
 * time, shares, and who did what to whom. A small made-up opinion piece, so that each expected
 * verdict can be read off its text.
 */
let dir: string;
let bot: Pilcrow;
let bundled: Pilcrow;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-claims-'));
  writeFileSync(
    join(dir, 'ferry.md'),
    [
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
    ].join('\n'),
  );
  bot = await Pilcrow.fromDirectory(dir);
  bundled = await bundledBot();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
