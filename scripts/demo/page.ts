/**
 * The demo's page: the Slack blocks and Discord embeds the adapters really posted, drawn roughly
 * as the two apps draw them (mrkdwn and Discord markdown read just enough for that). One HTML
 * document, inline style, nothing fetched.
 */
import { escapeHtml as h } from '../../src/http/html.js';
import type { Block } from './fake-slack.js';

/** One exchange: what the person said, and the message the adapter posted. */
export interface Shown {
  platform: 'slack' | 'discord';
  said: string;
  note: string;
  /** Slack: the posted blocks and fallback text. */
  blocks?: Block[];
  text?: string;
  /** Discord: the posted message body (content, embeds, components). */
  message?: unknown;
}

interface Embed {
  title?: string;
  url?: string;
  description?: string;
  footer?: { text: string };
  fields?: Array<{ name: string; value: string }>;
}
interface DiscordBody {
  content?: string;
  flags?: number;
  embeds?: Embed[];
  components?: Array<{ components: Array<{ label?: string; style: number; url?: string; emoji?: { name: string } }> }>;
}

const STYLE = `
body{margin:0;font:15px/1.46 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f4f5;color:#1d1c1d}
main{max-width:70rem;margin:0 auto;padding:1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
header{max-width:70rem;margin:0 auto;padding:1rem 1rem 0}h1{font-size:1.3rem;margin:0}.muted{color:#616061}
section{border-radius:10px;overflow:hidden;border:1px solid #ddd}section h2{margin:0;padding:.6rem .9rem;font-size:1rem}
.slack{background:#fff}.slack h2{background:#3f0e40;color:#fff}.discord{background:#313338;color:#dbdee1}.discord h2{background:#1e1f22;color:#fff}
.turn{padding:.7rem .9rem;border-bottom:1px solid rgba(128,128,128,.25)}.note{font-size:.85rem;opacity:.75;margin:.1rem 0 .4rem}
.you{font-weight:700;margin-bottom:.3rem}.bot b.name{margin-right:.4rem}.app{font-size:.7rem;background:#ddd;color:#333;border-radius:3px;padding:0 .25rem}
.discord .app{background:#5865f2;color:#fff}
.sk-section{margin:.25rem 0;white-space:pre-wrap}.sk-context{font-size:.8rem;color:#616061;margin:.25rem 0}
.sk-quote{border-left:4px solid #ddd;padding-left:.6rem;margin:.2rem 0;white-space:pre-wrap}
.btn{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:.15rem .6rem;margin:.3rem .3rem 0 0;font-size:.85rem;background:#fff}
.discord .btn{background:#4e5058;border:0;color:#fff;border-radius:3px}.discord .btn.primary{background:#5865f2}.discord .btn.link{background:#4e5058}
.embed{border-left:4px solid #5865f2;background:#2b2d31;border-radius:4px;padding:.5rem .75rem;margin:.3rem 0;white-space:pre-wrap}
.embed .title{font-weight:700;color:#00a8fc}.embed .footer{font-size:.75rem;opacity:.7;margin-top:.4rem}
.dc-quote{border-left:4px solid #4e5058;padding-left:.6rem;margin:.15rem 0}
`;

/** Slack mrkdwn → HTML: bold, italics, links, quoted lines. Escaped first. */
function mrkdwn(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const quoted = /^&gt; ?/.test(h(line));
      let s = h(line).replace(/^&gt; ?/, '');
      s = s
        .replace(/&lt;(https?:[^|&]+)\|([^&]+)&gt;/g, '<u>$2</u>')
        .replace(/(^|[\s(“"])\*([^*\n]+)\*/g, '$1<b>$2</b>')
        .replace(/(^|[\s(“"])_([^_\n]+)_/g, '$1<i>$2</i>');
      return quoted ? `<div class="sk-quote">${s}</div>` : s;
    })
    .join('\n');
}

/** Discord markdown → HTML: bold, quoted lines, escapes. Escaped first. */
function discordMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const quoted = line.startsWith('> ');
      const s = h(quoted ? line.slice(2) : line)
        .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
        .replace(/\\([\\*_~`>|[\]()#-])/g, '$1');
      return quoted ? `<div class="dc-quote">${s}</div>` : s;
    })
    .join('\n');
}

function slackMessage(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'section')
        return (
          `<div class="sk-section">${mrkdwn(b.text?.text ?? '')}</div>` + (b.accessory?.text ? `<span class="btn">${h(b.accessory.text.text)}</span>` : '')
        );
      if (b.type === 'context')
        return `<div class="sk-context">${(b.elements ?? []).map((e) => mrkdwn(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))).join(' · ')}</div>`;
      if (b.type === 'actions')
        return `<div>${(b.elements ?? []).map((e) => `<span class="btn">${h(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))}</span>`).join('')}</div>`;
      if (b.type === 'divider') return '<hr>';
      return '';
    })
    .join('');
}

function discordMessage(m: DiscordBody): string {
  const embeds = (m.embeds ?? [])
    .map(
      (e) =>
        `<div class="embed">${e.title ? `<div class="title">${h(e.title)}</div>` : ''}${e.description ? discordMarkdown(e.description) : ''}` +
        (e.fields ?? []).map((f) => `<div><b>${h(f.name)}</b>\n${discordMarkdown(f.value)}</div>`).join('') +
        `${e.footer ? `<div class="footer">${h(e.footer.text)}</div>` : ''}</div>`,
    )
    .join('');
  const styles: Record<number, string> = { 1: 'primary', 5: 'link' };
  const buttons = (m.components ?? [])
    .flatMap((row) => row.components)
    .map(
      (c) =>
        `<span class="btn ${styles[c.style] ?? ''}">${h(`${c.emoji?.name ?? ''}${c.emoji && c.label ? ' ' : ''}${c.label ?? ''}`)}${c.style === 5 ? ' ↗' : ''}</span>`,
    )
    .join('');
  const only = (m.flags ?? 0) & 64 ? `<div class="note">Only you can see this</div>` : '';
  return `${only}${m.content ? `<div>${discordMarkdown(m.content)}</div>` : ''}${embeds}${buttons ? `<div>${buttons}</div>` : ''}`;
}

/** The whole page. */
export function demoPage(shown: readonly Shown[], title: string): string {
  const column = (platform: 'slack' | 'discord', name: string) => {
    const turns = shown.filter((s) => s.platform === platform);
    if (turns.length === 0) return '';
    return (
      `<section class="${platform}"><h2>${name}</h2>` +
      turns
        .map(
          (s) =>
            `<div class="turn"><div class="you">you: ${h(s.said)}</div><div class="note">${h(s.note)}</div>` +
            `<div class="bot"><b class="name">Pilcrow</b><span class="app">APP</span>` +
            (platform === 'slack' ? slackMessage(s.blocks ?? []) : discordMessage((s.message ?? {}) as DiscordBody)) +
            `</div></div>`,
        )
        .join('') +
      `</section>`
    );
  };
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Pilcrow demo</title><style>${STYLE}</style></head><body>` +
    `<header><h1>Pilcrow in Slack and Discord — a preview</h1><p class="muted">The real adapters answered these questions about “${h(title)}” through local fake platforms on this machine. What you see is what they posted: Slack blocks and Discord embeds, drawn approximately.</p></header>` +
    `<main>${column('slack', 'Slack')}${column('discord', 'Discord')}</main></body></html>`
  );
}
