/**
 * `npm run discord:register`: registers Pilcrow's commands (the same definitions the adapter
 * serves) and prints the invite URL. To one server when `DISCORD_GUILD_ID` is set (instant, for
 * development), else globally (may take up to an hour to appear everywhere).
 *
 * Registration is a script, not a side effect of starting the bot: run it once per change of the
 * command definitions.
 */
import { inviteUrl, registerCommands, type Registration } from '../adapters/discord/register.js';
import { parseCli, UsageError } from '../runtime/args.js';
import { ConfigError, loadConfig } from '../runtime/config.js';
import { hostOf, networkFailure } from '../runtime/net-errors.js';

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
    throw new Error(
      `cannot reach Discord at ${hostOf(config.discord.apiBase ?? 'https://discord.com/api')}: ${network}. Check the network (the token was never checked).`,
      { cause: err },
    );
  }
  const { scope, names } = registration;
  const where = scope === 'guild' ? `to server ${config.discord.guildId} (available now)` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${names.length} commands ${where}: ${names.map((n) => (n.includes(' ') ? `"${n}"` : `/${n}`)).join(', ')}`);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error(err instanceof ConfigError ? err.message : `discord:register failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
