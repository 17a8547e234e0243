import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';

describe('logs', () => {
  it('are JSON lines with secrets redacted wherever they appear by name', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      { token: 'xoxb-secret', config: { botToken: 'xoxb-2', signingSecret: 's3cret', port: 3000 }, headers: { authorization: 'Bot abc' } },
      'starting',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry.msg).toBe('starting');
    expect(entry.config.port).toBe(3000);
    expect(lines[0]).not.toMatch(/xoxb-secret|xoxb-2|s3cret|Bot abc/);
  });

  it('carry ISO 8601 timestamps', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info('tick');
    expect(JSON.parse(lines[0]!).time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
