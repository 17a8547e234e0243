import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/index.js';
import { renderReply } from '../../../src/adapters/console/render.js';
import { bundledBot } from '../../helpers.js';

describe('the terminal chat', () => {
  it('answers each line with cited excerpts, follow-ups in the same session', async () => {
    const bot = await bundledBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const closed = new Promise<void>((resolve) => {
      const adapter = createConsoleAdapter({ bot, input, output, color: false, onClose: resolve });
      void adapter.start();
    });
    input.write("Tell me about YMTC's deal with Samsung\n");
    input.write('what generation of chips is it for?\n');
    input.write('quote 99\n');
    input.end();
    await closed;
    expect(text).toContain('To connect Discord or Slack');
    expect(text).toMatch(/¶1\n {2}“First, South Korea’s Samsung Electronics/);
    expect(text).toMatch(/¶2\n {2}“The “hybrid bonding” technology owned by YMTC[\s\S]*V10/);
    expect(text).toContain('There is no paragraph 99: the article has paragraphs 1 to 9.');
  });

  it('marks matched words in bold only when colour is on', async () => {
    const bot = await bundledBot();
    const reply = await bot.handle({ conversationId: 'c', userId: 'u', command: { kind: 'text', text: 'What is FEB?' } });
    expect(renderReply(reply, false)).not.toContain('\x1b[');
    expect(renderReply(reply, true)).toContain('\x1b[1mFEB\x1b[22m');
  });
});
