/**
 * The container keeps its data: the image gives its runtime user (`node`) a data folder and the
 * content folder to write, and compose.yaml mounts named volumes on both, publishes health and
 * insights on 127.0.0.1 only, and offers PostgreSQL as a profile. (Docker itself is not run here:
 * these read the files the image and the stack are built from.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
// gray-matter's YAML reader (a dependency already) reads the compose file as front matter.
const compose = matter(`---\n${readFileSync(resolve(ROOT, 'compose.yaml'), 'utf8')}\n---\n`).data as {
  services: Record<
    string,
    { ports?: string[]; volumes?: string[]; profiles?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { required?: boolean }> }
  >;
  volumes: Record<string, unknown>;
};

describe('the container', () => {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs as node, with /app/data and /app/content owned by node and everything else by root', () => {
    expect(runtime).toMatch(/\nUSER node\n/);
    expect(runtime).toMatch(/RUN mkdir -p \/app\/data && chown node:node \/app\/data/);
    expect(runtime).toMatch(/COPY --chown=node:node content \.\/content/);
    expect(runtime).toMatch(/DATA_DIR=\/app\/data/);
    expect(runtime).toMatch(/CONTENT_DIR=\/app\/content/);
    for (const line of runtime.split('\n').filter((l) => l.startsWith('COPY') && !l.includes('content'))) expect(line).toContain('--chown=root:root');
    // The ownership is set before the switch to the runtime user.
    expect(runtime.indexOf('chown node:node /app/data')).toBeLessThan(runtime.indexOf('USER node'));
  });

  it('mounts named volumes for the data and the added articles', () => {
    const pilcrow = compose.services['pilcrow']!;
    expect(pilcrow.volumes).toEqual(expect.arrayContaining(['pilcrow-data:/app/data', 'pilcrow-content:/app/content']));
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['pilcrow-data', 'pilcrow-content']));
    expect(pilcrow.environment?.['DATA_DIR']).toBe('/app/data');
  });

  it('publishes health, metrics and insights (8080) on 127.0.0.1 only', () => {
    const ports = compose.services['pilcrow']!.ports ?? [];
    expect(ports.filter((p) => p.endsWith(':8080'))).toEqual(['127.0.0.1:8080:8080']);
    for (const [name, service] of Object.entries(compose.services)) if (name !== 'pilcrow') expect(service.ports ?? []).toEqual([]);
  });

  it('offers PostgreSQL as a profile, with its own volume, not required without it', () => {
    const postgres = compose.services['postgres']!;
    expect(postgres.profiles).toEqual(['postgres']);
    expect(postgres.volumes).toEqual(['pilcrow-postgres:/var/lib/postgresql/data']);
    expect(compose.services['pilcrow']!.depends_on?.['postgres']?.required).toBe(false);
  });
});
