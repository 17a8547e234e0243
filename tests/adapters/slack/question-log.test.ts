/**
 * The question log through the real Bolt app: a mention's answer and a refusal are logged as
 * Slack's, with the user's id hashed, and a 👎 pressed on the answer counts against it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlQuestionLog } from '../../../src/store/sql/question-log.js';
import { bundledBot } from '../../helpers.js';
import { sqliteLocation } from '../../store/databases.js';
import { BOT_USER_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, button, buttonPress, nextTs, postEvent, postInteraction, startHarness, type Harness } from './harness.js';

let h: Harness;
let log: SqlQuestionLog;
const where = sqliteLocation();
beforeAll(async () => {
  log = await SqlQuestionLog.open({ location: where.location, pruneEveryMs: 0 });
  h = await startHarness({ bot: await bundledBot({ log }) });
});
afterAll(async () => {
  await h?.close();
  await log?.close();
  where.remove();
});

describe('Slack questions in the question log', () => {
  it('logs the answer and the refusal as Slack, hashes the user, and counts a 👎 on the answer', async () => {
    const start = new Date(Date.now() - 1000);
    const ts = nextTs();
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'ULOG1', channel: 'CLOG1', ts }));
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CLOG1');
    await postEvent(h.adapter, appMention({ text: `<@${BOT_USER_ID}> What about India?`, user: 'ULOG1', channel: 'CLOG2' }));
    await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CLOG2');

    const down = button(post.params.blocks, 'pilcrow_vote_down');
    await postInteraction(
      h.adapter,
      buttonPress({
        button: down,
        user: 'ULOG2',
        channel: 'CLOG1',
        responseUrl: h.fake.responseUrl('log-vote'),
        message: { ts: '1700000000.990000', thread_ts: ts },
      }),
    );
    await h.fake.waitForResponse((r) => r.id === 'log-vote');
    await log.flush();

    const rows = await log.rows({ from: start, to: new Date(Date.now() + 1000) });
    expect(rows.map((r) => [r.platform, r.status, r.question, r.down])).toEqual([
      ['slack', 'answered', 'Which Swedish company failed?', 1],
      ['slack', 'not_covered', 'What about India?', 0],
    ]);
    expect(rows[0]!.user).toBe(log.hash('user', 'ULOG1'));
    expect(JSON.stringify(rows)).not.toContain('ULOG1');
  });
});
