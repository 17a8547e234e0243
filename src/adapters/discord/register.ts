/**
 * Registering Pilcrow's commands (the same definitions the adapter serves) and the invite URL.
 * `npm run discord:register` (src/cli/discord-register.ts) runs it: registration is a script, not a
 * side effect of starting the bot.
 */
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, REST, Routes } from 'discord.js';
import type { DiscordConfig } from '../../runtime/config.js';
import { commandDefinitions } from './commands/index.js';

/**
 * The permissions Pilcrow needs in a channel: to see it, to reply there and in its threads, to
 * show embeds, and to reply to a message (which needs its history).
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]);

/** The URL a server admin opens to add Pilcrow: the `bot` and `applications.commands` scopes. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** What was registered. */
export interface Registration {
  scope: 'guild' | 'global';
  names: string[];
}

/** Replaces the application's commands with Pilcrow's (bulk overwrite: removed commands go away). */
export async function registerCommands(config: DiscordConfig, rest?: REST): Promise<Registration> {
  const client = rest ?? new REST(config.apiBase ? { api: config.apiBase.replace(/\/+$/, '') } : {}).setToken(config.token);
  const body = commandDefinitions();
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
  const saved = (await client.put(route, { body })) as Array<{ name: string }>;
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}
