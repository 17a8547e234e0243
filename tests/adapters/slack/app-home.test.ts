/**
 * The App Home tab through the real Bolt app: `app_home_opened` publishes the week's figures from
 * a real question log filled by the core, the top content gaps and the insights link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insightsSource } from '../../../src/store/question-log.js';
import { startSeeded, type Seeded } from '../../http/seed.js';
import { eventEnvelope, postEvent, startHarness, type Harness } from './harness.js';
import { TEAM_ID } from '../../../scripts/demo/fake-slack.js';

let s: Seeded;
let h: Harness;
beforeAll(async () => {
  s = await startSeeded({ tenant: `slack:${TEAM_ID}` });
  h = await startHarness({ bot: s.bot, insights: insightsSource(s.log, 'https://bot.example.org/insights') });
});
afterAll(async () => {
  await h?.close();
  await s?.close();
});

interface Published {
  user_id: string;
  view: { type: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[] };
}

describe('Slack App Home', () => {
  it("publishes the workspace's last 7 days, the top gaps and the page link to the user who opened it", async () => {
    const res = await postEvent(
      h.adapter,
      eventEnvelope({ type: 'app_home_opened', user: 'UHOME1', channel: 'DHOME1', tab: 'home', event_ts: '1700000000.000100' }),
    );
    expect(res.status).toBe(200);
    const call = await h.fake.waitForCall('views.publish');
    const raw = call.params as unknown as { user_id: string; view: string | Published['view'] };
    const view = typeof raw.view === 'string' ? (JSON.parse(raw.view) as Published['view']) : raw.view;
    expect(raw.user_id).toBe('UHOME1');
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*Answered*\\n5');
    expect(text).toContain('*Not covered*\\n3');
    expect(text).toContain('india — 2×');
    expect(text).toContain('<https://bot.example.org/insights|Open the insights page>');
    // Question texts stay off the tab everyone can open.
    expect(text).not.toContain('Is India mentioned?');
  });

  it('ignores the Messages tab', async () => {
    await postEvent(h.adapter, eventEnvelope({ type: 'app_home_opened', user: 'UHOME2', channel: 'DHOME2', tab: 'messages', event_ts: '1700000000.000200' }));
    // The Home tab opened afterwards is published, so the event before it has been handled.
    await postEvent(h.adapter, eventEnvelope({ type: 'app_home_opened', user: 'UHOME3', channel: 'DHOME3', tab: 'home', event_ts: '1700000000.000300' }));
    await h.fake.waitForCall('views.publish', (c) => (c.params as unknown as { user_id: string }).user_id === 'UHOME3');
    expect(h.fake.callsTo('views.publish').map((c) => (c.params as unknown as { user_id: string }).user_id)).not.toContain('UHOME2');
  });
});
