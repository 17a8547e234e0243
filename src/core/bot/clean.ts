/** What the core reads of a message: bounded in length, without control characters or mention syntax. */
import type { Command } from '../types.js';
import { parseCommand } from './parse-command.js';

/** Bounds the length and removes what is not text: control characters, mention syntax. */
export function cleanText(text: string, notices: string[], maxChars: number): string {
  let t = text;
  if (t.length > maxChars) {
    t = t.slice(0, maxChars);
    notices.push(`Your message was longer than ${maxChars.toLocaleString('en-US')} characters; I read only the first ${maxChars.toLocaleString('en-US')}.`);
  }
  return t
    .replace(/<[@#!][^<>\s]{0,80}>/g, ' ') // <@123>, <@U1|name>, <#C1>, <!here>
    .replace(/@(?:everyone|here|channel)\b/gi, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The command a request carries, its text cleaned; plain text read as a command or a question. */
export function readCommand(command: Command, notices: string[], maxChars: number): Exclude<Command, { kind: 'text' }> {
  if (command.kind === 'ask') return { kind: 'ask', question: cleanText(command.question, notices, maxChars) };
  if (command.kind === 'search') return { kind: 'search', query: cleanText(command.query, notices, maxChars) };
  if (command.kind === 'check') return { kind: 'check', claim: cleanText(command.claim, notices, maxChars) };
  if (command.kind !== 'text') return command;
  const text = cleanText(command.text, notices, maxChars);
  // A bare mention ("@Pilcrow") asks what the bot does.
  if (text === '') return { kind: 'help' };
  const parsed = parseCommand(text);
  return parsed.kind === 'text' ? { kind: 'ask', question: parsed.text } : parsed;
}
