/**
 * Starts Pilcrow the way a person or a supervisor does — `npm start` in the repository — and
 * reads its JSON log lines, so tests can send it real signals and watch it stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { isolatedEnv } from '../fixtures/isolated.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A free TCP port on 127.0.0.1 (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be bound (nothing holds it). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
  });
}

/** A running `npm start`. */
export interface Started {
  child: ChildProcess;
  /** Log lines parsed from stderr (non-JSON lines as `{ msg: line }`). */
  lines: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or 128 + signal number when killed by a signal). */
  exited: Promise<number>;
  /** Pids of the process tree under `npm start` when asked (for "no wrapper left behind"). */
  descendants(): number[];
  /**
   * Kills the whole tree at once (SIGKILL to every process under `npm start`, then to npm) and
   * waits for all of them to be gone. SIGKILL to npm alone would leave its child running, holding its ports.
   */
  killAll(): Promise<void>;
  /** Resolves when a log line matches (rejects after `ms`). */
  waitForLine(match: (line: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
}

/** Runs `npm start` with `env` added to this environment. */
export function npmStart(env: Record<string, string>): Started {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: isolatedEnv({ NODE_ENV: 'production', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (!text.trim()) continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        lines.push({ msg: text });
      }
      for (const w of waiters) w();
    }
  });
  child.stdout!.resume();
  const exited = new Promise<number>((done) => {
    child.once('exit', (code, signal) => done(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2)));
  });
  return {
    child,
    lines,
    exited,
    descendants() {
      const out: number[] = [];
      const walk = (pid: number) => {
        let kids: number[] = [];
        try {
          kids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
            .split('\n')
            .map((s) => Number(s.trim()))
            .filter((n) => n > 0);
        } catch {
          // ps exits 1 when there are none.
        }
        for (const k of kids) {
          out.push(k);
          walk(k);
        }
      };
      walk(child.pid!);
      return out;
    },
    async killAll() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const tree = this.descendants();
      for (const pid of tree) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      child.kill('SIGKILL');
      await exited;
      // The orphans are reaped by init, a moment later: wait for that (5 s at most).
      for (let waited = 0; waited < 5_000 && tree.some(alive); waited += 20) await new Promise((r) => setTimeout(r, 20));
    },
    waitForLine(match, ms = 30_000) {
      const found = lines.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((done, fail) => {
        const check = () => {
          const line = lines.find(match);
          if (!line) return;
          cleanup();
          done(line);
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no matching log line within ${ms} ms; log so far:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`));
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
  };
}

/** Whether process `pid` still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
