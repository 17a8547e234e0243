/**
 * A question full of lone surrogates (or characters JSON escapes) must still get its answer on
 * Slack: the vote buttons carry the question, and each such character takes six in the value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON_VALUE_MAX } from '../../../src/adapters/slack/buttons.js';
import { voteQuestion } from '../../../src/adapters/slack/render.js';
import { BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, buttons, postEvent, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('Slack vote buttons and odd questions', () => {
  it('answers a question with hundreds of lone surrogates, and every button value fits', async () => {
    const question = `What is FEB? ${'\uD800'.repeat(700)}`;
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> ${question}`, user: 'UQ1', channel: 'CQ1' }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CQ1');
    expect(blocksText(post.params.blocks)).toContain('Far East Battery');
    expect(blocksText(post.params.blocks)).not.toMatch(/something went wrong/i);
    for (const b of buttons(post.params.blocks)) expect(b.value.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
  });

  it('keeps a question within its share of the value, escaped, and never splits a surrogate pair', () => {
    for (const q of ['\uDC00'.repeat(2000), '\u0001'.repeat(2000), '😀'.repeat(1000), 'plain question']) {
      const v = voteQuestion(q);
      expect(JSON.stringify(v).length - 2).toBeLessThanOrEqual(600);
      expect(v).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(voteQuestion('plain question')).toBe('plain question');
  });
});
