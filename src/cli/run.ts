/** Runs a command-line entry point: expected errors print one line and exit 1, no stack trace. */
import { ConfigError } from '../runtime/config.js';
import { ContentError } from '../core/articles/content.js';
import { UsageError } from '../runtime/args.js';

/** Runs `main`; a ConfigError, ContentError or other failure prints one clear line and exits 1. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      process.exitCode = 2;
      return;
    }
    if (err instanceof ConfigError || err instanceof ContentError) console.error(err.message);
    else console.error(`pilcrow: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
