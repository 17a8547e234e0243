/**
 * `npm run discord:register`: registers Pilcrow's commands (the same definitions the adapter
 * serves) and prints the invite URL. To one server when `DISCORD_GUILD_ID` is set (instant, for
 * development), else globally (may take up to an hour to appear everywhere).
 *
 * Registration is a script, not a side effect of starting the bot: run it once per change of the
 * command definitions.
 */
import { parseCli, UsageError } from '../../cli/args.js';
import { pathToFileURL } from 'node:url';
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, REST, Routes } from 'discord.js';
import { ConfigError, loadConfig, type DiscordConfig } from '../../config.js';
import { hostOf, networkFailure } from '../../net-errors.js';
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
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const saved = (await client.put(route, { body })) as Array<{ name: string }>;
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}

const USAGE = `Usage: npm run discord:register [-- --help]

Registers Pilcrow's Discord commands (to DISCORD_GUILD_ID when set, else globally) and prints
the invite URL. Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (environment or .env).`;

async function main(): Promise<void> {
  parseCli(USAGE, {});
  const config = loadConfig();
  if (!config.discord) {
    throw new ConfigError(
      'Invalid configuration: DISCORD_TOKEN is not set. Put the bot token (Developer Portal → your application → Bot → Reset Token) in .env as DISCORD_TOKEN=…, with DISCORD_APPLICATION_ID.',
    );
  }
  // The invite link needs only the application id: printed first, so it is there even when
  // registering fails.
  console.log(`Invite Pilcrow to a server:\n  ${inviteUrl(config.discord.applicationId)}`);
  let registration: Registration;
  try {
    registration = await registerCommands(config.discord);
  } catch (err) {
    const network = networkFailure(err);
    if (!network) throw err;
    throw new Error(`cannot reach Discord at ${hostOf(config.discord.apiBase ?? 'https://discord.com/api')}: ${network}. Check the network (the token was never checked).`, { cause: err });
  }
  const { scope, names } = registration;
  const where = scope === 'guild' ? `to server ${config.discord.guildId} (available now)` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${names.length} commands ${where}: ${names.map((n) => (n.includes(' ') ? `"${n}"` : `/${n}`)).join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err instanceof ConfigError ? err.message : `discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
