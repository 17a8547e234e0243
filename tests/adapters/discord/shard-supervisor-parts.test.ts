/**
 * The parts of `DISCORD_SHARDING=process` that need no processes: its settings, how a shard
 * process is started, how far apart shards start, how shard metrics are merged, and a shard's
 * answers to its supervisor. The whole supervisor runs in `shard-processes.test.ts`.
 */
import { EventEmitter } from 'node:events';
import { AggregatorRegistry, Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';
import { Readiness } from '../../../src/http/health.js';
import { Metrics } from '../../../src/runtime/metrics.js';
import { spawnDelayMs } from '../../../src/adapters/discord/shards/gateway.js';
import { withShardLabel } from '../../../src/adapters/discord/shards/http.js';
import { ownEntry } from '../../../src/adapters/discord/shards/run.js';
import { answerSupervisor, type StatusReply } from '../../../src/adapters/discord/shards/status.js';
import { configError } from '../../helpers.js';

const DISCORD = { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789012345678' };
const SHARDED = { ...DISCORD, DISCORD_SHARDING: 'process', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('DISCORD_SHARDING settings', () => {
  it('process makes this process the supervisor; unset or inline keeps every shard in this process', () => {
    expect(loadConfig({ ...SHARDED, DISCORD_SHARDS: '4' }).discord).toMatchObject({ sharding: 'process', shards: 4 });
    expect(loadConfig({ ...DISCORD, DISCORD_SHARDING: 'inline' }).discord?.sharding).toBeUndefined();
    expect(loadConfig(DISCORD).discord?.sharding).toBeUndefined();
  });

  it('refuses other values, and process without Redis, with Slack, or with the reader or insights page, naming the fix', () => {
    expect(configError({ ...DISCORD, DISCORD_SHARDING: 'threads' })).toMatch(/DISCORD_SHARDING .*"process".*"inline"/);
    expect(configError({ ...SHARDED, REDIS_URL: '' })).toMatch(/REDIS_URL is required when DISCORD_SHARDING=process/);
    expect(configError({ DISCORD_SHARDING: 'process', REDIS_URL: 'redis://127.0.0.1:6379' })).toMatch(
      /DISCORD_TOKEN is required when DISCORD_SHARDING=process/,
    );
    expect(configError({ ...SHARDED, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatch(
      /DISCORD_SHARDING .*Discord shards only: run Slack as a separate process/,
    );
    expect(configError({ ...SHARDED, HEALTH_PORT: '8080', PUBLIC_URL: 'https://p.example.org', READER_SECRET: 'x'.repeat(32) })).toMatch(
      /DISCORD_SHARDING .*unset PUBLIC_URL and INSIGHTS_TOKEN/,
    );
  });

  it('a process started by the supervisor holds the shard the ShardingManager gives it, and serves no HEALTH_PORT of its own', () => {
    const child = loadConfig({ ...SHARDED, DISCORD_SHARDS: '2', HEALTH_PORT: '8080', SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' });
    expect(child.discord?.shardOf).toEqual({ id: 1, count: 2 });
    expect(child.discord?.sharding).toBeUndefined();
    expect(child.healthPort).toBeUndefined();
    // Not a shard without all three, or with an id outside the count.
    expect(loadConfig({ ...SHARDED, SHARDS: '1', SHARD_COUNT: '2' }).discord?.shardOf).toBeUndefined();
    expect(loadConfig({ ...SHARDED, SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '2' }).discord?.shardOf).toBeUndefined();
  });
});

describe('starting shard processes', () => {
  it('starts each shard as this process was started, adding tsx for a TypeScript entry point only when missing', () => {
    expect(ownEntry({ argv: ['/usr/bin/node', '/app/src/main.ts', '--content', '/c'], execArgv: ['--import', 'tsx'] })).toEqual({
      script: '/app/src/main.ts',
      args: ['--content', '/c'],
      execArgv: ['--import', 'tsx'],
    });
    expect(ownEntry({ argv: ['/usr/bin/node', '/app/src/main.ts'], execArgv: [] }).execArgv).toEqual(['--import', 'tsx']);
    expect(ownEntry({ argv: ['/usr/bin/node', '/app/dist/main.js'], execArgv: [] }).execArgv).toEqual([]);
  });

  it('spaces shard starts by Discord identify buckets: shards i and i + max_concurrency at least 5 s apart', () => {
    expect(spawnDelayMs({ count: 2, maxConcurrency: 16 })).toBe(0);
    expect(spawnDelayMs({ count: 4, maxConcurrency: 1 })).toBe(5_500);
    expect(spawnDelayMs({ count: 32, maxConcurrency: 16 }) * 16).toBeGreaterThanOrEqual(5_000);
  });
});

describe('shard metrics on the supervisor', () => {
  it("keeps each shard's values apart under a shard label, with one HELP line per metric", async () => {
    const shardMetrics = async (answered: number) => {
      const registry = new Registry();
      new Counter({ name: 'pilcrow_answers_total', help: 'Replies.', labelNames: ['platform'], registers: [registry] }).inc({ platform: 'discord' }, answered);
      return registry.getMetricsAsJSON();
    };
    const merged = AggregatorRegistry.aggregate([withShardLabel(await shardMetrics(3), 0), withShardLabel(await shardMetrics(5), 1)]);
    const text = await merged.metrics();
    expect(text).toContain('pilcrow_answers_total{platform="discord",shard="0"} 3');
    expect(text).toContain('pilcrow_answers_total{platform="discord",shard="1"} 5');
    expect(text.match(/# HELP pilcrow_answers_total/g)).toHaveLength(1);
  });
});

describe('a shard answering its supervisor', () => {
  /** The IPC side of a shard process, in memory. */
  class Channel extends EventEmitter {
    readonly sent: unknown[] = [];
    connected = true;
    send = (message: unknown) => {
      this.sent.push(message);
      return true;
    };
  }

  it('answers a status request with its readiness and metrics, ignores discord.js messages, and notices the supervisor going away', async () => {
    const channel = new Channel();
    const readiness = new Readiness().require('library', () => true).require('discord', () => 'connecting');
    const metrics = new Metrics({ defaultMetrics: false });
    metrics.answers.inc({ platform: 'discord', status: 'answered' });
    let gone = 0;
    answerSupervisor({ readiness, metrics, channel, onSupervisorGone: () => (gone += 1) });

    channel.emit('message', { _eval: '1 + 1' });
    channel.emit('message', { pilcrow: 'status?', nonce: 7 });
    await new Promise((r) => setTimeout(r, 20));
    expect(channel.sent).toHaveLength(1);
    const reply = channel.sent[0] as StatusReply;
    expect(reply).toMatchObject({ pilcrow: 'status', nonce: 7, readiness: { ready: false, checks: { library: true, discord: 'connecting' } } });
    expect(reply.metrics.find((m) => m.name === 'pilcrow_answers_total')?.values[0]).toMatchObject({
      value: 1,
      labels: { platform: 'discord', status: 'answered' },
    });

    channel.emit('disconnect');
    expect(gone).toBe(1);
  });
});
