/** `npm run ask -- "question" [--json] [--content DIR]`: answers one question and exits. */
import { parseArgs } from 'node:util';
import { renderReply } from '../adapters/console/render.js';
import { Pilcrow } from '../core/pilcrow.js';
import { runCli } from './run.js';

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { content: { type: 'string', default: 'content' }, json: { type: 'boolean', default: false } },
  });
  const question = positionals.join(' ');
  const bot = await Pilcrow.fromDirectory(values.content!);
  const reply = await bot.handle({ conversationId: 'ask', userId: 'cli', command: { kind: 'text', text: question } });
  if (values.json) console.log(JSON.stringify(reply, null, 2));
  else console.log(renderReply(reply, Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']));
});
