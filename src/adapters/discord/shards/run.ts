/**
 * `npm start` with `DISCORD_SHARDING=process`: this process becomes the shard supervisor. It asks
 * Discord for the shard plan, serves the shards' health on `HEALTH_PORT`, starts one child
 * process per shard (this same entry point, with the same Node options and arguments), restarts
 * one that dies, and on SIGTERM / SIGINT stops them all before it exits.
 */
import { extname } from 'node:path';
import { CredentialError, type Config } from '../../../runtime/config.js';
import { RouteTable } from '../../../http/routes.js';
import { createHttpServer, type HttpServer } from '../../../http/server.js';
import type { Logger } from '../../../runtime/logger.js';
import { FATAL_EXIT_CODE } from '../../../runtime/process-guard.js';
import { handleSignals } from '../../../runtime/shutdown.js';
import { fetchGatewayPlan, spawnDelayMs } from './gateway.js';
import { addSupervisorRoutes } from './http.js';
import { ShardStartError, ShardSupervisor } from './supervisor.js';

/** How a shard process is started: the script, its arguments and Node's options. */
export interface ShardEntry {
  script: string;
  args: string[];
  execArgv: string[];
}

/**
 * This process's own entry point, to start each shard the way this process was started. A
 * TypeScript entry needs tsx's loader, which `npm start` gives with `--import tsx`.
 */
export function ownEntry(proc: Pick<NodeJS.Process, 'argv' | 'execArgv'> = process): ShardEntry {
  const script = proc.argv[1];
  if (!script)
    throw new Error(
      'discord shards: cannot tell which script this process runs (process.argv[1] is empty); start Pilcrow with `npm start` or `node dist/main.js`.',
    );
  const execArgv = [...proc.execArgv];
  const hasTsx = execArgv.some((arg, i) => /(^|=)tsx(\/|$)/.test(arg) || (arg === '--import' && execArgv[i + 1] === 'tsx'));
  if (['.ts', '.mts'].includes(extname(script)) && !hasTsx) execArgv.push('--import', 'tsx');
  return { script, args: proc.argv.slice(2), execArgv };
}

/**
 * Runs the supervisor until a signal stops it. Resolves once every shard is connected.
 * @throws CredentialError when Discord refuses the token or a shard exits with the configuration
 * exit code while starting; Error for any other failure to start (the shards already started are stopped).
 */
export async function runShardSupervisor(config: Config, logger: Logger, entry: ShardEntry = ownEntry()): Promise<void> {
  const discord = config.discord;
  if (!discord || discord.sharding !== 'process')
    throw new Error('runShardSupervisor: config.discord.sharding must be "process" (DISCORD_SHARDING=process with DISCORD_TOKEN).');
  const log = logger.child({ component: 'shards' });
  const plan = await fetchGatewayPlan(discord);
  const delay = spawnDelayMs(plan);
  log.info(
    { shards: plan.count, maxConcurrency: plan.maxConcurrency, spawnDelayMs: delay, auto: discord.shards === undefined || discord.shards === 'auto' },
    'discord shards: starting one process per shard',
  );

  let draining = false;
  const supervisor = new ShardSupervisor({
    ...entry,
    token: discord.token,
    count: plan.count,
    spawnDelayMs: delay,
    logger: log,
    onFatal: (cause) => {
      console.error(`pilcrow: ${cause}`);
      void signals.shutdown(cause, FATAL_EXIT_CODE);
    },
  });
  const routes = new RouteTable(logger.child({ component: 'http' }));
  addSupervisorRoutes(routes, supervisor, () => draining);
  const http: HttpServer | undefined = config.healthPort !== undefined ? createHttpServer({ routes, port: config.healthPort }) : undefined;

  const signals = handleSignals({
    graceMs: config.shutdownGraceMs,
    logger,
    drain: () => {
      draining = true;
    },
    stopWork: (graceMs) => supervisor.stop(graceMs),
    close: async () => {
      await http?.stop();
    },
  });

  if (http) {
    const port = await http.start();
    logger.info({ port, paths: routes.routes.map((r) => r.path) }, 'http listening');
  }
  try {
    await supervisor.start();
  } catch (err) {
    // A signal during start-up stops the shards itself and exits; nothing more to report.
    if (draining) return;
    await http?.stop();
    if (err instanceof ShardStartError && err.exitCode === FATAL_EXIT_CODE) throw new CredentialError(err.message, { cause: err });
    throw err;
  }
  logger.info({ adapter: 'discord', shards: plan.count, mode: 'process' }, 'adapter started');
}
