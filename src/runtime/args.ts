/**
 * Command-line arguments for every entry point: `--help` prints the usage, an unknown flag or a
 * missing value is an error that prints the usage too (exit code 2), never silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Thrown for bad arguments; `message` is the problem followed by the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type ValueOf<T> = T extends { type: 'boolean' } ? boolean : string;

/**
 * Parses `argv` against `options` (plus `--help`/`-h`). On `--help`, prints `usage` and exits 0.
 * @throws UsageError naming the bad argument, with the usage.
 */
export function parseCli<O extends Options>(usage: string, options: O, argv: string[] = process.argv.slice(2), allowPositionals = false) {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    const reason = `${(err instanceof Error ? err.message : String(err)).replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '')}.`;
    throw new UsageError(`${reason}\n\n${usage}`);
  }
  if (parsed.values['help'] === true) {
    console.log(usage);
    process.exit(0);
  }
  return parsed as unknown as { values: { [K in keyof O]?: O[K] extends { multiple: true } ? ValueOf<O[K]>[] : ValueOf<O[K]> }; positionals: string[] };
}
