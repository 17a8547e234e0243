/**
 * Slack markup in, plain text out (for the core); the manifest declares exactly what the
 * adapter handles; and the adapter stays within its boundary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_COMMAND } from '../../../src/adapters/slack/handlers/command.js';
import { FIND_SHORTCUT } from '../../../src/adapters/slack/handlers/shortcut.js';
import { escapeMrkdwn, slackToPlain } from '../../../src/adapters/slack/mrkdwn.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('Slack text → plain text for the core', () => {
  it('drops the bot’s own mention and keeps the question', () => {
    expect(slackToPlain('<@UBOT> What did Samsung sign with YMTC?', 'UBOT')).toBe('What did Samsung sign with YMTC?');
  });

  it('turns other mentions, channels, links and broadcasts into readable words', () => {
    expect(slackToPlain('ask <@U1|bob> in <#C1|general> see <https://x.test/a|the piece> or <https://y.test> <!here>', 'UBOT')).toBe(
      'ask @bob in #general see the piece or https://y.test @here',
    );
    expect(slackToPlain('<@U2> and <#C2>', 'UBOT')).toBe('@U2 and #C2');
  });

  it('decodes Slack’s entities, and only once', () => {
    expect(slackToPlain('R&amp;D &lt;3 &amp;lt;', undefined)).toBe('R&D <3 &lt;');
  });

  it('round-trips typed text through escape and back', () => {
    const typed = 'a < b & c > d <!channel>';
    expect(slackToPlain(escapeMrkdwn(typed))).toBe(typed);
  });

  it('gives empty text for a missing or mention-only message', () => {
    expect(slackToPlain(undefined)).toBe('');
    expect(slackToPlain('  <@UBOT>  ', 'UBOT')).toBe('');
  });
});

describe('slack-manifest.json', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'slack-manifest.json'), 'utf8')) as {
    features: { slash_commands: Array<Record<string, unknown>>; shortcuts: Array<Record<string, unknown>>; app_home: Record<string, boolean> };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
  };

  it('declares the slash command and the shortcut exactly as the handlers define them', () => {
    expect(manifest.features.slash_commands).toEqual([{ ...ARTICLE_COMMAND, should_escape: true }]);
    expect(manifest.features.shortcuts).toEqual([{ ...FIND_SHORTCUT }]);
  });

  it('asks only for the scopes and events the adapter uses, with interactivity, DMs and Socket Mode on', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'im:history',
    ]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });
});

describe('Slack adapter boundary', () => {
  it('imports no other adapter, and reads no environment', () => {
    const dir = join(ROOT, 'src/adapters/slack');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from ['"][./]*\/(discord|console)\//);
      expect(source, file).not.toMatch(/adapters\/(discord|console)/);
      expect(source, file).not.toContain('process.env');
    }
  });
});
