/**
 * Free text → a structured command: "¶3", "quote 3", "quote art17 3", "summary", "search x",
 * "about", "help", "more", "list", "use art17", "load <link or path>", "remove <id>".
 */
import { MORE_PATTERN } from '../argument/questions.js';
import type { Command } from '../types.js';

/** An article id as typed: a file path without `.md` (letters, digits, `-`, `_`, `.`, `/`), not only digits. */
const ID = String.raw`(?=[\w./-]*[^\d\s])[\w./-]+`;

const RULES: Array<[RegExp, (m: RegExpMatchArray) => Command]> = [
  // "quote art17 1", "quote art17 ¶1", "art17 ¶1" (a citation label typed back).
  [
    new RegExp(String.raw`^(?:quote|show|para(?:graph)?)\s+(${ID})\s+(?:¶|para(?:graph)?\s*)?\s*(\d+)\s*[.!?]?$`, 'i'),
    (m) => ({ kind: 'quote', articleId: m[1]!, paragraph: Number(m[2]) }),
  ],
  [new RegExp(String.raw`^(${ID})\s+¶\s*(\d+)\s*[.!?]?$`, 'i'), (m) => ({ kind: 'quote', articleId: m[1]!, paragraph: Number(m[2]) })],
  [/^(?:list|articles|list\s+(?:the\s+)?articles|(?:which|what)\s+articles(?:\s+are\s+there)?)\s*[.!?]?$/i, () => ({ kind: 'list' })],
  [/^(?:use|switch\s+to|open)\s+(?:article\s+)?(\S+)\s*$/i, (m) => ({ kind: 'use', articleId: m[1]! })],
  [/^(?:article\s+)?remove\s+(?:article\s+)?(\S+)\s*$/i, (m) => ({ kind: 'remove', articleId: m[1]! })],
  [/^(?:load|add)\s+(?:article\s+)?<?(https?:\/\/[^\s<>|]+)(?:\|[^>]*)?>?\s*$/i, (m) => ({ kind: 'add', source: { kind: 'link', url: m[1]! } })],
  [/^load\s+(?:article\s+)?(.+?)\s*$/i, (m) => ({ kind: 'add', source: { kind: 'path', path: m[1]!.replace(/^(["'])(.*)\1$/, '$2') } })],
  [
    /^(?:¶|§|#|p\.?|para(?:graph)?|quote(?:\s+(?:¶|para(?:graph)?))?|show(?:\s+(?:me\s+)?(?:¶|para(?:graph)?))?)\s*#?\s*(-?\d+)\s*[.!?]?$/i,
    (m) => ({ kind: 'quote', paragraph: Number(m[1]) }),
  ],
  [/^(?:summary|summari[sz]e(?:\s+(?:it|the\s+article|this))?|tl;?\s*dr|sum\s+(?:it\s+)?up|key\s+points|overview)\s*[.!?]?$/i, () => ({ kind: 'summary' })],
  [/^(?:search|find|look\s*up|grep)\s*(?:for\s+)?[:\s]\s*(.+)$/i, (m) => ({ kind: 'search', query: m[1]!.trim() })],
  [/^(?:search|find)\s*$/i, () => ({ kind: 'search', query: '' })],
  [/^(?:about|info|source|sources|which\s+article|what\s+article(?:\s+is\s+this)?)\s*[.!?]?$/i, () => ({ kind: 'about' })],
  [/^(?:help|\?|commands|usage|what\s+can\s+you\s+do|how\s+does\s+this\s+work)\s*[.!?]?$/i, () => ({ kind: 'help' })],
  [MORE_PATTERN, () => ({ kind: 'more' })],
  [/^(?:recap|catch\s+me\s+up|what\s+have\s+we\s+(?:covered|discussed)(?:\s+so\s+far)?)\s*[.!?]?$/i, () => ({ kind: 'recap' })],
  [/^(?:discuss|start\s+(?:a\s+)?discussion|let['’]?s\s+discuss(?:\s+(?:it|this|the\s+article))?)\s*[.!?]?$/i, () => ({ kind: 'discuss' })],
  [/^follow\s+(on|off|enable|disable|yes|no|true|false)\s*[.!]?$/i, (m) => ({ kind: 'follow', on: /^(?:on|enable|yes|true)$/i.test(m[1]!) })],
  [/^(?:check|verify|fact[-\s]?check)(?:\s+(?:the\s+)?claim)?(?:\s*:\s*|\s+)(.+)$/i, (m) => ({ kind: 'check', claim: m[1]!.trim() })],
  [/^(?:check|verify|fact[-\s]?check)\s*[.!?]?$/i, () => ({ kind: 'check', claim: '' })],
];

/** Parses free text into a command; anything that is not a command is a question. */
export function parseCommand(text: string): Command {
  const t = text.trim();
  for (const [re, make] of RULES) {
    const m = t.match(re);
    if (m) return make(m);
  }
  return { kind: 'ask', question: t };
}
