/**
 * The shard supervisor (`DISCORD_SHARDING=process`): discord.js's ShardingManager starts one child
 * process per gateway shard — each the normal bot, holding the shard the manager gives it — and
 * this class watches them: their state for health, a restart (with back-off) for one that dies,
 * and a clean stop for all at shutdown.
 *
 * Restarts are the supervisor's, not the manager's `respawn`: the manager would restart a shard at
 * once, forever, even when it exits because the token was revoked (exit code 2), where restarting
 * cannot help. Here a restart waits 1 s, doubling up to 30 s while the shard keeps dying within a
 * minute of starting; exit code 2 stops the supervisor instead (see `onFatal`).
 */
import type { ChildProcess } from 'node:child_process';
import { ShardingManager, type Shard } from 'discord.js';
import { CONFIG_EXIT_CODE } from '../../../runtime/config.js';
import type { Logger } from '../../../runtime/logger.js';
import { isStatusReply, type StatusReply } from './status.js';

/** Where a shard is: its process connecting, connected, waiting to be restarted, or stopped. */
export type ShardState = 'connecting' | 'ready' | 'restarting' | 'stopped';

/** One shard as `/healthz` shows it. */
export interface ShardStatus {
  id: number;
  state: ShardState;
  /** The current process, while there is one. */
  pid?: number;
  /** Times the supervisor restarted it after it died. */
  restarts: number;
  /** When the current (or last) process started, ISO 8601. */
  startedAt?: string;
  /** How the last process ended. */
  lastExit?: { code: number | null; signal: string | null; at: string };
}

/** Options of `ShardSupervisor`. */
export interface ShardSupervisorOptions {
  /** The script each shard process runs (the bot's entry point) and its arguments. */
  script: string;
  args: string[];
  /** Node options of each shard process (`--import tsx` when the script is TypeScript). */
  execArgv: string[];
  token: string;
  /** Shards to run (ids 0..count-1). */
  count: number;
  /** Wait between starting one shard and the next (Discord's identify limit). */
  spawnDelayMs: number;
  logger: Logger;
  /** A shard exited with the configuration exit code (revoked token, refused intents): restarting will not help. */
  onFatal: (cause: string) => void;
  /** How long a shard may take to connect before start-up fails. Default 120 s. */
  readyTimeoutMs?: number;
  /** First restart delay, doubled per quick death up to `maxRestartDelayMs`. Default 1 s. */
  restartDelayMs?: number;
  /** Default 30 s. */
  maxRestartDelayMs?: number;
}

/** Thrown by `start()` when a shard dies or times out before it first connects. */
export class ShardStartError extends Error {
  override name = 'ShardStartError';
  constructor(
    message: string,
    /** The exit code the supervisor should exit with (the shard's, when it exited with one). */
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A shard that lived this long before dying is restarted after the first delay again. */
const STABLE_MS = 60_000;

interface Watched {
  shard: Shard;
  status: ShardStatus;
  /** Consecutive deaths within `STABLE_MS` of starting. */
  quickDeaths: number;
  /** Whether it ever connected: one that dies before its first connection fails start-up instead. */
  connectedOnce: boolean;
  startedAtMs: number;
  restartTimer?: NodeJS.Timeout;
}

/** Starts, watches, restarts and stops the shard processes. */
export class ShardSupervisor {
  readonly manager: ShardingManager;
  private readonly watched = new Map<number, Watched>();
  private readonly pending = new Map<number, (reply: StatusReply) => void>();
  private nonce = 0;
  private stopping = false;

  constructor(private readonly options: ShardSupervisorOptions) {
    this.manager = new ShardingManager(options.script, {
      totalShards: options.count,
      mode: 'process',
      respawn: false,
      shardArgs: options.args,
      execArgv: options.execArgv,
      token: options.token,
    });
    this.manager.on('shardCreate', (shard) => this.watch(shard));
  }

  /**
   * Starts every shard, one after another, each once the one before is connected.
   * @throws ShardStartError when a shard dies or does not connect; the others are stopped first.
   */
  async start(): Promise<void> {
    const timeout = this.options.readyTimeoutMs ?? 120_000;
    try {
      await this.manager.spawn({ amount: this.options.count, delay: this.options.spawnDelayMs, timeout });
    } catch (err) {
      const failed = [...this.watched.values()].find((w) => w.status.lastExit || !w.shard.ready);
      const exit = failed?.status.lastExit;
      await this.stop(0);
      const how = exit ? `exited (code ${exit.code ?? `signal ${exit.signal}`})` : `did not connect within ${timeout} ms`;
      const code = exit?.code === CONFIG_EXIT_CODE ? CONFIG_EXIT_CODE : 1;
      throw new ShardStartError(
        `discord shards: shard ${failed?.status.id ?? '?'} ${how} while starting (${err instanceof Error ? err.message : String(err)}); its log lines above say why.`,
        code,
      );
    }
    this.options.logger.info({ shards: this.options.count }, 'discord shards: all connected');
  }

  /** Every shard's status, by id. */
  status(): ShardStatus[] {
    return [...this.watched.values()].map((w) => ({ ...w.status })).sort((a, b) => a.id - b.id);
  }

  /** The shard count. */
  get count(): number {
    return this.options.count;
  }

  /** Asks shard `id` for its readiness and metrics; undefined when it has no process or does not answer in time. */
  async ask(id: number, timeoutMs = 1_000): Promise<StatusReply | undefined> {
    const shard = this.watched.get(id)?.shard;
    if (!shard?.process?.connected) return undefined;
    const nonce = ++this.nonce;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(nonce);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(nonce, (reply) => {
        clearTimeout(timer);
        this.pending.delete(nonce);
        resolve(reply);
      });
      shard.send({ pilcrow: 'status?', nonce }).catch(() => {
        clearTimeout(timer);
        this.pending.delete(nonce);
        resolve(undefined);
      });
    });
  }

  /**
   * Stops every shard: SIGTERM (each finishes its answers in flight, up to its own grace period),
   * then SIGKILL for any still running after `graceMs` plus 4 s. No restart happens meanwhile.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const exits: Array<Promise<void>> = [];
    const children: ChildProcess[] = [];
    for (const w of this.watched.values()) {
      clearTimeout(w.restartTimer);
      if (w.status.state === 'restarting') w.status.state = 'stopped';
      const child = w.shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      children.push(child);
      exits.push(new Promise<void>((resolve) => child.once('exit', () => resolve())));
      child.kill('SIGTERM');
    }
    const all = Promise.all(exits);
    const late = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs + 4_000).unref())]);
    if (late) {
      const stuck = children.filter((c) => c.exitCode === null && c.signalCode === null);
      this.options.logger.warn({ pids: stuck.map((c) => c.pid) }, 'discord shards: still running after the grace period: killing');
      for (const c of stuck) c.kill('SIGKILL');
      await all;
    }
  }

  private watch(shard: Shard): void {
    const { logger } = this.options;
    const w: Watched = { shard, status: { id: shard.id, state: 'connecting', restarts: 0 }, quickDeaths: 0, connectedOnce: false, startedAtMs: Date.now() };
    this.watched.set(shard.id, w);
    shard.on('spawn', (child) => {
      w.startedAtMs = Date.now();
      w.status.startedAt = new Date(w.startedAtMs).toISOString();
      w.status.state = 'connecting';
      const pid = (child as ChildProcess).pid;
      if (pid !== undefined) w.status.pid = pid;
      logger.info({ shard: shard.id, pid }, 'discord shards: shard process started');
    });
    const connected = () => {
      if (w.status.state !== 'ready') logger.info({ shard: shard.id, pid: w.status.pid }, 'discord shards: shard connected');
      w.status.state = 'ready';
      w.connectedOnce = true;
    };
    shard.on('ready', connected);
    shard.on('resume', connected);
    shard.on('disconnect', () => (w.status.state = 'connecting'));
    shard.on('reconnecting', () => (w.status.state = 'connecting'));
    // An EventEmitter 'error' without a listener would throw.
    shard.on('error', (err) => logger.error({ err, shard: shard.id }, 'discord shards: shard error'));
    shard.on('message', (message: unknown) => {
      if (isStatusReply(message)) this.pending.get(message.nonce)?.(message);
    });
    shard.on('death', (child) => this.onDeath(w, child as ChildProcess));
  }

  private onDeath(w: Watched, child: ChildProcess): void {
    const { logger } = this.options;
    const id = w.shard.id;
    w.status.lastExit = { code: child.exitCode, signal: child.signalCode, at: new Date().toISOString() };
    delete w.status.pid;
    if (this.stopping || !w.connectedOnce) {
      w.status.state = 'stopped';
      if (!this.stopping) logger.error({ shard: id, code: child.exitCode, signal: child.signalCode }, 'discord shards: shard exited while starting');
      else logger.info({ shard: id, code: child.exitCode, signal: child.signalCode }, 'discord shards: shard stopped');
      return;
    }
    if (child.exitCode === CONFIG_EXIT_CODE) {
      w.status.state = 'stopped';
      logger.fatal({ shard: id, code: child.exitCode }, 'discord shards: shard exited with the configuration exit code: not restarting');
      this.options.onFatal(
        `discord shard ${id} exited with code ${CONFIG_EXIT_CODE} (a refused token or intents; its log says which): a restart would not help`,
      );
      return;
    }
    if (Date.now() - w.startedAtMs >= STABLE_MS) w.quickDeaths = 0;
    const first = this.options.restartDelayMs ?? 1_000;
    const delay = Math.min(this.options.maxRestartDelayMs ?? 30_000, first * 2 ** w.quickDeaths);
    w.quickDeaths += 1;
    w.status.state = 'restarting';
    logger.warn({ shard: id, code: child.exitCode, signal: child.signalCode, restartInMs: delay }, 'discord shards: shard process exited: restarting it');
    w.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      w.status.restarts += 1;
      // A shard that dies again before connecting comes back through this method.
      w.shard
        .spawn(this.options.readyTimeoutMs ?? 120_000)
        .catch((err: unknown) => logger.warn({ err, shard: id }, 'discord shards: restarted shard did not connect'));
    }, delay);
  }
}
