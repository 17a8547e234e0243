/**
 * `npm start` with PUBLIC_URL: the process mounts the reader page on HEALTH_PORT and the terminal
 * chat prints each citation's signed link, which opens the cited paragraph while it runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../runtime/spawn.js';
import { articleFolder, SECRET } from './reader-fixture.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

describe('npm start with PUBLIC_URL', () => {
  it('serves the reader on HEALTH_PORT and prints a working link under each excerpt', async () => {
    const content = articleFolder();
    const data = mkdtempSync(join(tmpdir(), 'pilcrow-reader-data-'));
    cleanups.push(content.remove, () => rmSync(data, { recursive: true, force: true }));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--content', content.dir], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        NO_COLOR: '1',
        DATA_DIR: data,
        HEALTH_PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}/`,
        READER_SECRET: SECRET,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    child.stdin.write('Which cells avoid lithium and handle cold weather?\n');
    const deadline = Date.now() + 30_000;
    let link: string | undefined;
    while (!(link = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/read\/\S+)$/m.exec(stdout)?.[1]) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(link, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBeDefined();
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/read/[\\w-]+\\.[\\w-]+#p4$`));
    // The secret appears nowhere the process writes.
    expect(stdout + stderr).not.toContain(SECRET);

    const res = await fetch(link!.replace(/#.*$/, ''));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<p id="p4" class="cited">');
    expect(html).toMatch(/<mark>[^<]*Sodium-ion cells[^<]*<\/mark>/);
    expect((await fetch(`http://127.0.0.1:${port}/read/forged.token`)).status).toBe(403);

    child.stdin.write('exit\n');
    expect(await exited).toBe(0);
  }, 60_000);
});
