/** `npm run ask -- "question" [--json] [--content DIR]`: answers one question and exits. */
import { loadConfig } from '../runtime/config.js';
import { parseCli, UsageError } from '../runtime/args.js';
import { renderReply } from '../adapters/console/render.js';
import { Pilcrow } from '../core/bot/pilcrow.js';
import { runCli } from './run.js';

const USAGE = `Usage: npm run ask -- [options] "question"

Answers one question about the articles and exits. For a conversation, run \`npm start\`.

Example:
  npm run ask -- "What did Samsung sign with YMTC?"

Options:
  --content DIR   the folder of articles (default: $CONTENT_DIR, else ./content)
  --json          print the reply as JSON
  -h, --help      show this help`;

await runCli(async () => {
  const { values, positionals } = parseCli(USAGE, { content: { type: 'string' }, json: { type: 'boolean' } }, undefined, true);
  const question = positionals.join(' ');
  // No question is a usage mistake, not a chat opening: say how to ask, and fail (exit 2).
  if (question.trim() === '') throw new UsageError(`No question given.\n\n${USAGE}`);
  const bot = await Pilcrow.fromDirectory(values.content ?? loadConfig().contentDir);
  const reply = await bot.handle({ conversationId: 'ask', userId: 'cli', command: { kind: 'text', text: question } });
  if (values.json) console.log(JSON.stringify(reply, null, 2));
  else console.log(renderReply(reply, Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']));
});
