/**
 * Slack's text dialects, both ways: `mrkdwn` we post (escaped so nothing we echo can ping anyone)
 * and the markup users send us (mentions, links, entities), turned back into plain text for the core.
 */
import type { Command } from '../../core/types.js';

/**
 * Escapes the three characters Slack treats as control characters in `mrkdwn` and plain `text`.
 * With `&`, `<` and `>` escaped, `<!channel>`, `<!here>`, `<!everyone>` and `<@U123>` show as text
 * and never notify anyone.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Breaks the bare words `@channel`, `@here` and `@everyone` with an invisible word joiner.
 * Used only for the notification `text` fallback, which has no `verbatim` switch; blocks rely on
 * `verbatim: true` instead, so excerpts inside them stay byte-for-byte verbatim.
 */
export function defuseBroadcasts(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/**
 * A URL made safe for Slack's `<url|label>` link syntax: characters that would end the link
 * (`|`, `>`) or start markup (`<`) are percent-encoded, `&` is entity-escaped as Slack requires.
 */
export function escapeLinkUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/** `<url|label>` with both parts escaped; `label` alone (escaped) when there is no http(s) URL. */
export function link(url: string | undefined, label: string): string {
  if (!url || !/^https?:\/\//i.test(url)) return escapeMrkdwn(label);
  return `<${escapeLinkUrl(url)}|${escapeMrkdwn(label)}>`;
}

/**
 * Turns the text of a Slack message into what the user typed, for the core:
 * the bot's own mention is removed, other mentions become `@name`-like words, links become their
 * label (or URL), and `&amp;` / `&lt;` / `&gt;` are decoded. Whitespace is collapsed.
 *
 * @param botUserId the app's bot user (its `<@U…>` mentions are dropped).
 */
export function slackToPlain(text: string | undefined, botUserId?: string): string {
  if (!text) return '';
  const plain = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = '', label] = splitOnce(inner, '|');
    if (target.startsWith('@')) {
      const id = target.slice(1);
      if (botUserId && id === botUserId) return ' ';
      return label ? `@${label}` : `@${id}`;
    }
    if (target.startsWith('#')) return label ? `#${label}` : `#${target.slice(1)}`;
    if (target.startsWith('!')) {
      // <!here>, <!channel>, <!subteam^S123|@team>, <!date^…|fallback>
      if (label) return label;
      const word = target.slice(1).split('^')[0] ?? '';
      return `@${word}`;
    }
    return label ?? target.replace(/^mailto:/, '');
  });
  return decodeEntities(plain).replace(/\s+/g, ' ').trim();
}

/**
 * The core command for a Slack message: `add <link>` (or `load <link>`) becomes an add command
 * with the link's real target — Slack shows `<https://x.org/a|x.org/a>` with the scheme dropped
 * from the label, so the label would not do; anything else is text for the core to parse.
 */
export function slackCommand(text: string | undefined, botUserId?: string): Command {
  const raw = (text ?? '').replace(/<@[^<>]*>/g, ' ').trim();
  const add = /^(?:add|load)\s+(?:article\s+)?<(https?:\/\/[^|<>\s]+)(?:\|[^<>]*)?>\s*$/i.exec(raw);
  if (add) return { kind: 'add', source: { kind: 'link', url: decodeEntities(add[1]!) } };
  return { kind: 'text', text: slackToPlain(text, botUserId) };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function decodeEntities(s: string): string {
  // `&amp;` last, so `&amp;lt;` (a typed "&lt;") decodes to "&lt;" and not "<".
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
