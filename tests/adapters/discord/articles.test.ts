/**
 * Articles from Discord, through the real discord.js client against the fake Discord:
 * `/article add` by link and by attached file (members with Manage Messages only), the channel's
 * current article used by questions and mentions (in its threads too), `/article use` and `list`,
 * `/article remove` (added articles only). Added articles go to a SQLite library, as `npm start` does.
 * Links and attachment URLs point at a local site on 127.0.0.1.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { createArticleLoader, DEFAULT_LIMITS } from '../../../src/ingest/index.js';
import { openSharedLibrary, type SharedLibrary } from '../../../src/store/library-start.js';
import { tempDir } from '../../fixtures/isolated.js';
import { startSite, type Site } from '../../ingest/site.js';
import { BOT_ID, nextId, THREAD_ID } from '../../../scripts/demo/fake-discord.js';
import { autocomplete, messagePayload, newUserId, opt, slashCommand, type Place } from '../../../scripts/demo/discord-payloads.js';
import { answerTo, CONTENT_DIR, isCallback, isChannelMessage, plain, startHarness, type CallbackBody, type Harness, type MessageBody } from './harness.js';

const EPHEMERAL = 64;
const MANAGE_MESSAGES = 1n << 13n;
const ROTTERDAM = 'rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions';

let h: Harness;
let site: Site;
let dir: string;
let library: SharedLibrary;

beforeAll(async () => {
  site = await startSite();
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-discord-articles-'));
  copyFileSync(join(CONTENT_DIR, 'chinese-tech-going-global.md'), join(dir, 'chinese-tech-going-global.md'));
  library = await openSharedLibrary({
    location: { kind: 'sqlite', file: join(tempDir('discord-data'), 'library.sqlite') },
    contentDir: dir,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const loadArticle = createArticleLoader({ contentDir: dir, sink: library.sink, limits: { ...DEFAULT_LIMITS, allowPrivate: true, timeoutMs: 5_000 } });
  const core = new Pilcrow(library.articles, { loadArticle, deleteArticle: library.deleteArticle, channels: library.store.channels });
  library.attach(core);
  h = await startHarness({ rateLimitPerMinute: 100, core });
});
afterAll(async () => {
  await h?.stop();
  await site?.close();
  await library?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Sub = { name: string; type: number; value: string };

/** `/article <sub> …` as Discord sends it: a subcommand option holding the options; `manage` grants Manage Messages. */
function articleCommand(
  sub: string,
  options: Sub[],
  o: { manage?: boolean; place?: Place; attachment?: { url: string; filename: string; content_type: string } } = {},
) {
  const interaction = slashCommand('article', [], newUserId(), o.place ?? 'channel') as Record<string, unknown> & {
    id: string;
    token: string;
    data: Record<string, unknown>;
  };
  interaction.data['options'] = [{ name: sub, type: 1, options }];
  if (o.attachment) {
    const id = nextId();
    (interaction.data['options'] as Array<{ options: Sub[] }>)[0]!.options.push({ name: 'file', type: 11, value: id });
    interaction.data['resolved'] = { attachments: { [id]: { id, size: 1000, proxy_url: o.attachment.url, ...o.attachment } } };
  }
  if (o.manage && interaction['member']) {
    const member = interaction['member'] as { permissions: string };
    member.permissions = String(BigInt(member.permissions) | MANAGE_MESSAGES);
  }
  return interaction;
}

async function run(interaction: { id: string; token: string }) {
  h.fake.dispatch('INTERACTION_CREATE', interaction);
  return answerTo(h.fake, interaction);
}

const text = (m: MessageBody) =>
  plain([m.content, ...(m.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])].filter(Boolean).join('\n'));

describe('/article add, use, list', () => {
  test('a member without Manage Messages is told privately, and nothing is added', async () => {
    const { message } = await run(articleCommand('add', [{ name: 'url', type: 3, value: `${site.base}/news/harbour-cranes` }]));
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.content).toContain('Adding articles needs the Manage Messages permission in this channel.');
    expect(readdirSync(dir)).toEqual(['chinese-tech-going-global.md']);
  });

  test('adds a news page by link: the reply names it, and the channel’s questions and mentions (in threads too) go to it', async () => {
    const { message } = await run(articleCommand('add', [{ name: 'url', type: 3, value: `${site.base}/news/harbour-cranes` }], { manage: true }));
    expect(message.flags ?? 0).toBe(0);
    expect(text(message)).toContain(
      `Added “Rotterdam bets on electric cranes to cut harbour emissions” as ${ROTTERDAM} (7 paragraphs). It is now the current article here.`,
    );
    expect((await library.store.list()).map((r) => r.id)).toContain(ROTTERDAM);
    expect(readdirSync(dir)).toEqual(['chinese-tech-going-global.md']);

    const asked = await run(slashCommand('ask', [opt.string('question', 'Who wrote it?')], newUserId()));
    expect(text(asked.message)).toContain('is by Marta Velde');

    const mention = messagePayload({ content: `<@${BOT_ID}> Which ports compete with Rotterdam?`, authorId: newUserId(), place: 'thread', mentionsBot: true });
    h.fake.dispatch('MESSAGE_CREATE', mention);
    const reply = await h.fake.waitForRequest(isChannelMessage(THREAD_ID, (b) => b.message_reference?.message_id === mention.id));
    expect(text(reply.body as MessageBody)).toContain('Antwerp and Hamburg');
  });

  test('the server is the tenant: its added article is not listed, chosen, answered or suggested in a DM (a DM is the user’s own tenant)', async () => {
    const listed = await run(articleCommand('list', [], { place: 'dm' }));
    expect(text(listed.message)).toContain('chinese-tech-going-global');
    expect(text(listed.message)).not.toContain(ROTTERDAM);
    expect(text((await run(articleCommand('use', [{ name: 'article', type: 3, value: ROTTERDAM }], { place: 'dm' }))).message)).toContain(
      `There is no article "${ROTTERDAM}"`,
    );
    const asked = await run(slashCommand('ask', [opt.string('question', 'Which ports compete with Rotterdam?')], newUserId(), 'dm'));
    expect(text(asked.message)).not.toContain('Antwerp and Hamburg');
    const typed = autocomplete('article', [opt.string('article', 'rotter', true)], newUserId(), 'dm') as { id: string; data: { options: unknown[] } };
    typed.data.options = [{ name: 'use', type: 1, options: [{ name: 'article', type: 3, value: 'rotter', focused: true }] }];
    h.fake.dispatch('INTERACTION_CREATE', typed);
    expect(((await h.fake.waitForRequest(isCallback(typed.id))).body as CallbackBody).data!.choices).toEqual([]);
  });

  test('adds a PDF attached to the command', async () => {
    const { message } = await run(
      articleCommand('add', [], {
        manage: true,
        attachment: { url: `${site.base}/reports/corals.pdf`, filename: 'corals.pdf', content_type: 'application/pdf' },
      }),
    );
    expect(text(message)).toContain('Added “Heat-tolerant corals of the Red Sea” as heat-tolerant-corals-of-the-red-sea (3 paragraphs).');
    const quoted = await run(slashCommand('quote', [opt.integer('paragraph', 1)], newUserId()));
    expect(text(quoted.message)).toContain('Coral reefs in the northern Red Sea');
  });

  test('refuses an attachment of another type, and a link together with a file, privately', async () => {
    const wrong = await run(
      articleCommand('add', [], { manage: true, attachment: { url: `${site.base}/image.png`, filename: 'cranes.png', content_type: 'image/png' } }),
    );
    expect(wrong.message.content).toContain('I can add .md, .txt, .html and .pdf files; "cranes.png" is none of these.');
    const both = await run(
      articleCommand('add', [{ name: 'url', type: 3, value: `${site.base}/news/harbour-cranes` }], {
        manage: true,
        attachment: { url: `${site.base}/notes.md`, filename: 'notes.md', content_type: 'text/markdown' },
      }),
    );
    expect(both.message.content).toContain('Give either a link (url) or a file (file), one of the two.');
  });

  test('/article use switches the channel’s article; /article list shows it privately', async () => {
    const used = await run(articleCommand('use', [{ name: 'article', type: 3, value: 'chinese-tech-going-global' }]));
    expect(text(used.message)).toContain('This channel now discusses “Chinese technology going global');
    const quoted = await run(slashCommand('quote', [opt.integer('paragraph', 1)], newUserId()));
    expect(text(quoted.message)).toContain('Two significant developments');
    const listed = await run(articleCommand('list', []));
    expect(listed.message.flags).toBe(EPHEMERAL);
    expect(text(listed.message)).toMatch(/▸ chinese-tech-going-global — .* — current/);
    expect(text(listed.message)).toContain(`• ${ROTTERDAM}`);
  });

  test('/article remove removes an article added from chat; a bundled one is refused; without Manage Messages, told privately', async () => {
    const denied = await run(articleCommand('remove', [{ name: 'article', type: 3, value: ROTTERDAM }]));
    expect(denied.message.flags).toBe(EPHEMERAL);
    expect(denied.message.content).toContain('Removing articles needs the Manage Messages permission in this channel.');
    const bundled = await run(articleCommand('remove', [{ name: 'article', type: 3, value: 'chinese-tech-going-global' }], { manage: true }));
    expect(text(bundled.message)).toContain('part of the bundled library every team sees');
    const removed = await run(articleCommand('remove', [{ name: 'article', type: 3, value: ROTTERDAM }], { manage: true }));
    expect(text(removed.message)).toContain(`Removed “Rotterdam bets on electric cranes to cut harbour emissions” (${ROTTERDAM}).`);
    expect((await library.store.list()).map((r) => r.id)).not.toContain(ROTTERDAM);
    const listed = await run(articleCommand('list', []));
    expect(text(listed.message)).not.toContain(ROTTERDAM);
  });
});
