/**
 * The terminal chat: the default adapter, needing no account and no network. One terminal
 * session is one conversation, so follow-ups work as in a thread.
 */
import { createInterface, type Interface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Adapter } from '../adapter.js';
import type { Pilcrow } from '../../core/bot/pilcrow.js';
import { DEFAULT_INSIGHTS_DAYS, type InsightsSource } from '../../store/question-log.js';
import { forTerminal, renderInsights, renderReply, type CitationLink } from './render.js';

/** Options of the terminal chat. */
export interface ConsoleAdapterOptions {
  bot: Pilcrow;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** ANSI colours; default: when the output is a colour terminal and NO_COLOR is unset. */
  color?: boolean;
  /** Called when the user leaves (exit, quit, end of input). */
  onClose?: () => void;
  /** The question log's figures, for the `insights` command. */
  insights?: InsightsSource;
  /** Each citation's reader link (`PUBLIC_URL`), printed under its excerpt. */
  citationLink?: CitationLink;
}

const EXIT = /^\s*(?:exit|quit|bye|\.exit|:q)\s*$/i;
/** The channel id of the terminal chat, for its current article. */
export const CONSOLE_CHANNEL = 'console';
const INSIGHTS = /^\s*insights\s*$/i;

/** The terminal chat: an adapter that can also show a notice between answers (a reloaded article). */
export interface ConsoleAdapter extends Adapter {
  /** Writes `line` as a notice above the prompt, without breaking an answer being written. */
  notify(line: string): void;
}

/** Creates the terminal chat adapter. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const color = options.color ?? (Boolean((output as NodeJS.WriteStream).isTTY) && !process.env['NO_COLOR']);
  const conversationId = `console-${process.pid}-${Date.now()}`;
  const userId = safeUser();
  let rl: Interface | undefined;
  let queue: Promise<void> = Promise.resolve();

  const write = (s: string) => output.write(`${s}\n`);

  return {
    name: 'console',
    async start() {
      const [article] = options.bot.articles;
      const title =
        options.bot.articles.length === 1 ? `"${article!.title}" (${article!.paragraphCount} paragraphs)` : `${options.bot.articles.length} articles`;
      write(`Pilcrow — ask about ${title}. Type "help" for commands, "load <link or file>" to add an article, "exit" to leave.`);
      write('To connect Discord or Slack, set DISCORD_TOKEN or SLACK_BOT_TOKEN (see .env.example and the README).');
      rl = createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY), prompt: color ? '\x1b[1m› \x1b[0m' : '› ' });
      rl.on('line', (line) => {
        if (EXIT.test(line)) {
          rl?.close();
          return;
        }
        // Answers are written in the order the lines came, even when a paste brings several.
        queue = queue.then(async () => {
          if (line.trim() === '') return rl?.prompt();
          if (INSIGHTS.test(line) && options.insights) {
            write(await insightsText(options.insights));
            write('');
            return rl?.prompt();
          }
          // The terminal is one channel (its article choice is remembered across runs), and
          // whoever sits at it may add articles, from links and from files on this machine.
          const reply = await options.bot.handle({
            conversationId,
            userId,
            channelId: CONSOLE_CHANNEL,
            mayAdd: 'files',
            userName: userId,
            thread: true,
            command: { kind: 'text', text: line },
          });
          write(renderReply(forTerminal(reply, { insights: options.insights !== undefined }), color, options.citationLink));
          write('');
          rl?.prompt();
        });
      });
      rl.on('close', () => {
        void queue.then(() => options.onClose?.());
      });
      rl.prompt();
    },
    notify(line: string) {
      // After any answer being written, so a notice never lands inside one; then a fresh prompt.
      queue = queue.then(() => {
        write(`\n${color ? `\x1b[2m${line}\x1b[0m` : line}`);
        rl?.prompt();
      });
    },
    async stop() {
      rl?.close();
      await queue;
    },
  };
}

async function insightsText(source: InsightsSource): Promise<string> {
  try {
    return renderInsights(await source.summary(DEFAULT_INSIGHTS_DAYS), source.pageUrl);
  } catch {
    return 'The question log is unavailable right now.';
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'terminal';
  }
}
