/**
 * Two instances of the Slack HTTP app behind one Slack endpoint, sharing one real Redis: each has
 * its own Bolt app, core and Redis connection, as two processes would. An event delivered to one
 * and redelivered to the other is answered once; a thread's follow-up sent to the other instance
 * is answered in context; a replayed slash command is answered once; Share works from the other
 * instance; the rate limit is one budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { redisStores } from '../../../src/store/redis.js';
import { STATE_LIMITS, type StateStores } from '../../../src/store/index.js';
import { dropPrefix, REDIS_URL, redisReachable, uniquePrefix } from '../../store/redis-env.js';
import { BOT_USER_ID, FakeSlack } from '../../../scripts/demo/fake-slack.js';
import {
  appMention,
  blocksText,
  button,
  buttonPress,
  captureLogger,
  CONTENT_DIR,
  nextTs,
  postCommand,
  postEvent,
  postInteraction,
  SIGNING_SECRET,
  slashCommand,
} from './harness.js';

const reachable = await redisReachable();
const prefix = uniquePrefix('slack-scale');
let fake: FakeSlack;
const instances: Array<{ adapter: SlackAdapter; state: StateStores }> = [];

async function instance(): Promise<SlackAdapter> {
  const { logger } = captureLogger();
  const state = await redisStores({ url: REDIS_URL, prefix, logger });
  const bot = await Pilcrow.fromDirectory(CONTENT_DIR, { store: state.map('conversation', STATE_LIMITS.conversations) });
  const adapter = createSlackAdapter({
    config: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    bot,
    logger,
    rateLimitPerMinute: 3,
    host: '127.0.0.1',
    webClient: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 }, timeout: 3000 },
    state,
  });
  await adapter.start();
  instances.push({ adapter, state });
  return adapter;
}

let a: SlackAdapter;
let b: SlackAdapter;
beforeAll(async () => {
  if (!reachable) return;
  fake = await new FakeSlack().start();
  a = await instance();
  b = await instance();
});
afterAll(async () => {
  for (const i of instances) {
    await i.adapter.stop();
    await i.state.close();
  }
  await fake?.stop();
  if (reachable) await dropPrefix(prefix);
});

const postsIn = (channel: string) => fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

describe.skipIf(!reachable)('two Slack HTTP instances sharing Redis', () => {
  it('answer an event delivered to one and redelivered to the other exactly once', async () => {
    const event = appMention({ text: `<@${BOT_USER_ID}> Which Swedish company failed?`, user: 'U51', channel: 'C51' });
    // Slack retries when it thinks an ack was lost; behind a load balancer the retry may land anywhere.
    const results = await Promise.all([postEvent(a, event), postEvent(b, event), postEvent(b, event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C51');
    // A later event in the same channel is answered after it: by then any duplicate would have posted.
    await postEvent(a, appMention({ text: `<@${BOT_USER_ID}> What is FEB?`, user: 'U51', channel: 'C51' }));
    await fake.waitFor(() => postsIn('C51')[1], 'the second answer');
    await new Promise((r) => setTimeout(r, 200));
    expect(postsIn('C51')).toHaveLength(2);
    expect(blocksText(postsIn('C51')[0]!.params.blocks)).toContain('Northvolt');
  });

  it('answer a slash command replayed to the other instance once (same trigger_id)', async () => {
    const fields = slashCommand({ text: 'What is FEB?', user: 'U56', channel: 'C56', responseUrl: fake.responseUrl('replay-56') });
    expect((await postCommand(a, fields)).status).toBe(200);
    expect((await postCommand(b, fields)).status).toBe(200);
    await fake.waitForResponse((r) => r.id === 'replay-56');
    // A later, different command is the proof that the replay had its chance to be answered.
    await postCommand(b, slashCommand({ text: 'about', user: 'U56', channel: 'C56', responseUrl: fake.responseUrl('replay-56b') }));
    await fake.waitForResponse((r) => r.id === 'replay-56b');
    expect(fake.responses.filter((r) => r.id === 'replay-56')).toHaveLength(1);
  });

  it('answer a follow-up sent to the other instance in the thread’s context', async () => {
    const root = nextTs();
    await postEvent(a, appMention({ text: `<@${BOT_USER_ID}> What did Samsung sign with YMTC?`, user: 'U52', channel: 'C52', ts: root }));
    const first = await fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'C52');
    // "more" means nothing without the thread's last question: only shared context can answer it.
    await postEvent(b, appMention({ text: `<@${BOT_USER_ID}> more`, user: 'U52', channel: 'C52', ts: nextTs(), thread_ts: root }));
    const more = await fake.waitFor(() => postsIn('C52')[1], 'the "more" answer');
    expect(more.params.thread_ts).toBe(root);
    const quoted = (blocks: typeof first.params.blocks) => (blocks ?? []).filter((blk) => blk.text?.text.startsWith('>')).map((blk) => blk.text!.text);
    expect(quoted(more.params.blocks).length).toBeGreaterThan(0);
    for (const excerpt of quoted(more.params.blocks)) expect(quoted(first.params.blocks)).not.toContain(excerpt);
    // And a question that leans on the thread ("why does that matter?") continues from its last excerpt.
    await postEvent(a, appMention({ text: `<@${BOT_USER_ID}> why does that matter?`, user: 'U52', channel: 'C52', ts: nextTs(), thread_ts: root }));
    const why = await fake.waitFor(() => postsIn('C52')[2], 'the "why" answer');
    expect(quoted(why.params.blocks).length).toBeGreaterThan(0);
  });

  it('share an /article answer in the channel when the button press reaches the other instance', async () => {
    await postCommand(a, slashCommand({ text: 'What is FEB?', user: 'U53', channel: 'C53', responseUrl: fake.responseUrl('cmd-53') }));
    const answer = await fake.waitForResponse((r) => r.id === 'cmd-53');
    const share = button(answer.body.blocks, 'pilcrow_share');
    await postInteraction(b, buttonPress({ button: share, user: 'U53', channel: 'C53', responseUrl: fake.responseUrl('share-53'), ephemeral: true }));
    const shared = await fake.waitForResponse((r) => r.id === 'share-53' && r.body.response_type === 'in_channel');
    expect(blocksText(shared.body.blocks)).toContain('Far East Battery');
    // The copy is used up: a second press (on either instance) says it has expired.
    await postInteraction(a, buttonPress({ button: share, user: 'U53', channel: 'C53', responseUrl: fake.responseUrl('share-53b'), ephemeral: true }));
    const again = await fake.waitForResponse((r) => r.id === 'share-53b');
    expect(blocksText(again.body.blocks)).toMatch(/no longer available/);
  });

  it('share once when the same Share button is pressed on both instances at the same moment', async () => {
    await postCommand(a, slashCommand({ text: 'Which Swedish company failed?', user: 'U55', channel: 'C55', responseUrl: fake.responseUrl('cmd-55') }));
    const answer = await fake.waitForResponse((r) => r.id === 'cmd-55');
    const share = button(answer.body.blocks, 'pilcrow_share');
    const press = (id: string) => buttonPress({ button: share, user: 'U55', channel: 'C55', responseUrl: fake.responseUrl(id), ephemeral: true });
    await Promise.all([postInteraction(a, press('share-55a')), postInteraction(b, press('share-55b'))]);
    await fake.waitFor(
      () => (fake.responses.filter((r) => r.id.startsWith('share-55') && !r.body.delete_original).length === 2 ? true : undefined),
      'both presses answered',
    );
    const publicPosts = fake.responses.filter((r) => r.id.startsWith('share-55') && r.body.response_type === 'in_channel');
    expect(publicPosts).toHaveLength(1);
    const other = fake.responses.find((r) => r.id.startsWith('share-55') && r.id !== publicPosts[0]!.id && !r.body.delete_original);
    expect(blocksText(other?.body.blocks)).toMatch(/no longer available/);
  });

  it('count one rate-limit budget per user across both instances', async () => {
    for (const [adapter, n] of [
      [a, 1],
      [b, 2],
      [a, 3],
      [b, 4],
    ] as const) {
      await postEvent(adapter, appMention({ text: `<@${BOT_USER_ID}> What is FEB? (${n})`, user: 'U54', channel: 'C54' }));
    }
    const refusal = await fake.waitForCall('chat.postEphemeral', (c) => c.params.channel === 'C54');
    expect(String(refusal.params.text ?? blocksText(refusal.params.blocks))).toMatch(/faster than I can keep up with \(3 a minute\)/);
    await fake.waitFor(() => (postsIn('C54').length === 3 ? true : undefined), 'three answers');
    expect(postsIn('C54')).toHaveLength(3);
  });
});
