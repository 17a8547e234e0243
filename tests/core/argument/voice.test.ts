import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgumentMap } from '../../../src/core/argument/roles.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { ask } from '../../helpers.js';

/** The author's own voice against the news it comments on, on a small made-up editorial. */
let dir: string;
let bot: Pilcrow;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-voice-'));
  writeFileSync(
    join(dir, 'pool.md'),
    [
      '---',
      'title: "Keep the Eastfield pool open in winter"',
      'source: "Eastfield Echo (editorial)"',
      '---',
      '',
      'On Monday the Eastfield Parks Board voted to close the municipal pool through the winter months, instead of keeping it open all year.',
      '',
      'We urge the board to keep the pool open through the winter. Swimming lessons are the only water safety training many Eastfield children get.',
      '',
      'Critics on the board say the heating bill is too high to justify. We do not dismiss that cost. But the board spends twice as much each winter on lighting an empty stadium.',
      '',
      'The pool should stay open; the town will pay more for what closing it costs than it saves on heating.',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'market.md'),
    [
      '---',
      'title: "Let the Saturday market stay on Quay Street"',
      'source: "Eastfield Echo (editorial)"',
      '---',
      '',
      'On Friday the council voted to move the Saturday market from Quay Street to the car park behind the station.',
      '',
      'This newspaper believes the market belongs on Quay Street. Stallholders there take twice what they take anywhere else.',
      '',
      'Supporters of the move say the street is too narrow for ambulances. I would say the street has never once been blocked on a market day.',
      '',
      'The most serious objection is noise. The answer is not to move the market but to start it an hour later.',
      '',
      'Keep the market on Quay Street, and let the council find its parking somewhere else.',
    ].join('\n'),
  );
  bot = await Pilcrow.fromDirectory(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reading(opening: string) {
  const map = new ArgumentMap(bot.library);
  const s = bot.library.sentences.find((x) => map.text(x.id).startsWith(opening));
  if (!s) throw new Error(`no sentence starts with ${opening}`);
  return map.reading(s.id);
}

describe("the author's own voice", () => {
  it('reads "This newspaper believes …" as the author\'s claim', () => {
    expect(reading('This newspaper believes').claim).toBeGreaterThan(reading('On Friday the council voted').claim);
  });

  it('reads "Supporters of X say …" as an objection, and the author\'s position after it as the reply', () => {
    expect(reading('Supporters of the move say').role).toBe('objection');
    expect(reading('I would say the street').reply).toBeGreaterThan(0.5);
    // The author naming an objection, then answering it: "The answer is …".
    expect(reading('The most serious objection is noise').role).toBe('objection');
    expect(reading('The answer is not to move').reply).toBeGreaterThan(0.5);
    // Granting a point is not answering it.
    expect(reading('We do not dismiss that cost').reply).toBeLessThan(0.5);
  });

  it('answers "Is the paper for or against the move?" with its own side, not the objection it answers', async () => {
    const r = await ask(bot, 'Is the editorial for or against moving the market?');
    // Its own side: the position, the replies or the close, never the news or the objection.
    expect(r.citations[0]?.excerpt).not.toContain('Supporters of the move');
    expect([2, 3, 4, 5]).toContain(r.citations[0]?.paragraph);
    expect(r.citations[0]?.role).toMatch(/author/);
  });

  it('reads "We urge …" as a claim, and news worded with "instead of" as a report', () => {
    expect(reading('We urge the board').claim).toBeGreaterThan(reading('On Monday the Eastfield Parks Board').claim);
    expect(reading('On Monday the Eastfield Parks Board').role).toBe('report');
  });

  it('reads the "But …" after a granted objection as the reply to it', () => {
    // "We do not dismiss that cost." grants the objection; the next sentence answers it.
    expect(reading('But the board spends twice as much').reply).toBeGreaterThan(0.5);
  });

  it('answers "Is the paper in favour of closing the pool?" with its position, not the news', async () => {
    const r = await ask(bot, 'Is the editorial in favour of closing the pool in winter?');
    expect(r.status).toBe('answered');
    expect([2, 4]).toContain(r.citations[0]?.paragraph);
  });
});
