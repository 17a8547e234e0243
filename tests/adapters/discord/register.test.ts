/** `npm run discord:register`: the same definitions the adapter serves, to a guild or globally; the invite URL. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandDefinitions } from '../../../src/adapters/discord/commands/index.js';
import { BOT_PERMISSIONS, inviteUrl, registerCommands } from '../../../src/adapters/discord/register.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../../scripts/demo/fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.stop();
});

describe('discord:register', () => {
  test('registers every command to the development server when DISCORD_GUILD_ID is set', async () => {
    const result = await registerCommands({ token: 't0ken', applicationId: APP_ID, guildId: GUILD_ID, apiBase: fake.apiBase });
    expect(result).toEqual({
      scope: 'guild',
      names: ['ask', 'quote', 'summary', 'search', 'check', 'discuss', 'recap', 'about', 'article', 'insights', 'Find in article'],
    });
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.route === `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe('Bot t0ken');
    expect(put.body).toEqual(commandDefinitions());
  });

  test('registers globally without DISCORD_GUILD_ID (a trailing slash on DISCORD_API_BASE is fine)', async () => {
    const result = await registerCommands({ token: 't0ken', applicationId: APP_ID, apiBase: `${fake.apiBase}/` });
    expect(result.scope).toBe('global');
    await fake.waitForRequest((r) => r.method === 'PUT' && r.route === `/applications/${APP_ID}/commands`);
  });

  test('definitions: /ask has an autocompleted question and a private flag; /quote an autocompleted paragraph; a message menu', () => {
    const byName = new Map(commandDefinitions().map((d) => [d.name, d as unknown as Record<string, unknown>]));
    const options = (name: string) => byName.get(name)!.options as Array<Record<string, unknown>>;
    expect(options('ask')).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: 'private', type: 5, required: false }),
    ]);
    expect(options('quote')[0]).toEqual(expect.objectContaining({ name: 'paragraph', type: 4, required: true, autocomplete: true, min_value: 1 }));
    expect(options('search')[0]).toEqual(expect.objectContaining({ name: 'query', type: 3, required: true }));
    expect(byName.get('Find in article')).toEqual(expect.objectContaining({ type: 3 }));
    for (const d of byName.values()) if (d.name !== 'insights') expect(d.contexts).toEqual([0, 1]);
    // /insights: servers only, and shown only to members who may manage the server.
    expect(byName.get('insights')).toEqual(expect.objectContaining({ contexts: [0], default_member_permissions: '32' }));
  });

  test('the invite URL asks for the bot and applications.commands scopes and the minimal permissions', () => {
    const url = new URL(inviteUrl(APP_ID));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(APP_ID);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(new Set(BOT_PERMISSIONS.toArray())).toEqual(new Set(['ViewChannel', 'SendMessages', 'SendMessagesInThreads', 'EmbedLinks', 'ReadMessageHistory']));
    expect(url.searchParams.get('permissions')).toBe(BOT_PERMISSIONS.bitfield.toString());
  });
});
