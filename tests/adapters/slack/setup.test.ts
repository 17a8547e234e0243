/**
 * Starting and stopping: set-up errors say how to fix them; a rejected token stops start-up with
 * a one-line reason; Socket Mode disconnects cleanly on stop.
 */
import { describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import { FakeSlack } from '../../../scripts/demo/fake-slack.js';
import { captureLogger, realBot, startHarness } from './harness.js';

describe('Slack adapter set-up', () => {
  it('refuses at once a configuration with neither Socket Mode nor HTTP mode, naming both settings', async () => {
    const { logger } = captureLogger();
    expect(() =>
      createSlackAdapter({
        config: { botToken: 'xoxb-x', port: 0 },
        bot: { handle: () => Promise.reject(new Error('unused')), feedback: () => {} },
        logger,
        rateLimitPerMinute: 10,
      }),
    ).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it('fails start() with the reason and the setting to check when Slack rejects the bot token', async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.failNext('auth.test', { error: 'invalid_auth' });
      const { logger } = captureLogger();
      const adapter = createSlackAdapter({
        config: { botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: fake.apiUrl, port: 0 },
        bot: await realBot(),
        logger,
        rateLimitPerMinute: 10,
        host: '127.0.0.1',
        webClient: { retryConfig: { retries: 0 } },
      });
      await expect(adapter.start()).rejects.toThrow(/auth\.test failed \(invalid_auth\).*SLACK_BOT_TOKEN/);
      expect(adapter.port).toBeUndefined();
      await adapter.stop();
    } finally {
      await fake.stop();
    }
  });

  it('Socket Mode: stop() closes the WebSocket and logs no error', async () => {
    const h = await startHarness({ socket: true });
    const socket = await h.fake.waitForSocket();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await h.adapter.stop();
    await closed;
    await h.fake.stop();
    expect(h.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('HTTP mode: stop() frees the port', async () => {
    const h = await startHarness();
    const port = h.adapter.port!;
    await h.close();
    await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
