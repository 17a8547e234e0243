/**
 * Follow mode in the core: a followed thread's plain messages (`passive` requests) get an answer
 * only when they are questions for the bot that the article answers. Measured on the project's own
 * sets: the chatter written for it (eval/discussion/chatter.txt) interleaved with the bundled
 * article's development questions, in one thread.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuestionSet } from '../../../src/quality/evaluate.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { questionForBot } from '../../../src/core/bot/thread.js';
import { CONTENT_DIR } from '../../helpers.js';

const EVAL = (file: string) => fileURLToPath(new URL(`../../../eval/${file}`, import.meta.url));

let bot: Pilcrow;
beforeAll(async () => {
  bot = await Pilcrow.fromDirectory(CONTENT_DIR, { followThreads: true });
});

const thread = { conversationId: 'followed-thread', userId: 'U1', channelId: 'C-followed', thread: true } as const;
const say = (text: string, passive = true) => bot.handle({ ...thread, passive, command: { kind: 'text', text } });

describe('follow mode in one thread', () => {
  it('answers 26 or more of 30 questions with a right paragraph, and at most 1 of 40 chatter messages', async () => {
    const chatter = readFileSync(EVAL('discussion/chatter.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const questions = parseQuestionSet(readFileSync(EVAL('article-dev.jsonl'), 'utf8'))
      .filter((q) => q.paragraphs.length > 0 && !q.after)
      .slice(0, 30);
    expect(chatter.length).toBe(40);
    expect(questions.length).toBe(30);
    // Silent before Pilcrow is in the thread, whatever is asked.
    expect((await say(questions[0]!.question)).status).toBe('silent');
    await say('What is this about?', false); // a mention: Pilcrow joins the thread
    let answeredRight = 0;
    let chatterAnswered = 0;
    for (let i = 0; i < 40; i++) {
      if ((await say(chatter[i]!)).status !== 'silent') chatterAnswered++;
      const q = questions[i];
      if (!q) continue;
      const reply = await say(q.question);
      if (reply.citations.some((c) => q.paragraphs.includes(c.paragraph))) answeredRight++;
    }
    expect(answeredRight).toBeGreaterThanOrEqual(26);
    expect(chatterAnswered).toBeLessThanOrEqual(1);
  });

  it('stays silent in a channel that is not followed, and on a refusal', async () => {
    const other = await Pilcrow.fromDirectory(CONTENT_DIR);
    await other.handle({ ...thread, command: { kind: 'text', text: 'summary' } });
    expect((await other.handle({ ...thread, passive: true, command: { kind: 'text', text: 'What is FEB?' } })).status).toBe('silent');
    await say('summary', false);
    expect((await say("What's the weather like in Tokyo?")).status).toBe('silent');
  });

  it('can be turned on and off per channel by someone who may add articles', async () => {
    const other = await Pilcrow.fromDirectory(CONTENT_DIR);
    const base = { conversationId: 't2', userId: 'U1', channelId: 'C2', thread: true } as const;
    expect((await other.handle({ ...base, command: { kind: 'follow', on: true } })).status).toBe('invalid');
    expect((await other.handle({ ...base, mayAdd: 'links', command: { kind: 'text', text: 'follow on' } })).message).toContain('Follow mode is on');
    expect((await other.handle({ ...base, passive: true, command: { kind: 'text', text: 'What is FEB?' } })).status).toBe('answered');
    await other.handle({ ...base, mayAdd: 'links', command: { kind: 'follow', on: false } });
    expect((await other.handle({ ...base, passive: true, command: { kind: 'text', text: 'What is FEB?' } })).status).toBe('silent');
  });

  it('tells questions for the bot from questions put to people', () => {
    expect(questionForBot('What did Samsung sign with YMTC?')).toBe(true);
    expect(questionForBot('Can you explain the patent deal?')).toBe(true);
    expect(questionForBot('What do you think, Sam?')).toBe(false);
    expect(questionForBot('Did anyone else finish the whole thing?')).toBe(false);
    expect(questionForBot('Should we meet Monday?')).toBe(false);
    expect(questionForBot('The patent story is wild')).toBe(false);
  });
});
