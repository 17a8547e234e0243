/**
 * Articles from Slack, through the real Bolt app against the fake Slack: `/article add <link>`
 * (admins only when SLACK_ADMINS is set), the channel's current article, `/article use` and
 * `list`, `/article remove <id>` (added articles only), and a refused redirect. Added articles and
 * channel choices go to a SQLite library, as `npm start` does. The link points at a local site on 127.0.0.1.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { createArticleLoader, DEFAULT_LIMITS } from '../../../src/ingest/index.js';
import { SqlLibrary } from '../../../src/store/library.js';
import { openSharedLibrary, type SharedLibrary } from '../../../src/store/library-start.js';
import { tempDir } from '../../fixtures/isolated.js';
import { startSite, type Site } from '../../ingest/site.js';
import { TEAM_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, CONTENT_DIR, postCommand, postEvent, slashCommand, startHarness, type Harness } from './harness.js';

const ROTTERDAM = 'rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions';

let h: Harness;
let site: Site;
let dir: string;
let n = 0;
let library: SharedLibrary;
const libraryFile = join(tempDir('slack-data'), 'library.sqlite');
const addedIds = async () => (await library.store.list()).map((r) => r.id);

beforeAll(async () => {
  site = await startSite();
  dir = mkdtempSync(join(tmpdir(), 'pilcrow-slack-articles-'));
  copyFileSync(join(CONTENT_DIR, 'chinese-tech-going-global.md'), join(dir, 'chinese-tech-going-global.md'));
  // Only "localhost" may resolve to a private address: a redirect from it to 127.0.0.1 is refused.
  library = await openSharedLibrary({
    location: { kind: 'sqlite', file: libraryFile },
    contentDir: dir,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const loadArticle = createArticleLoader({
    contentDir: dir,
    sink: library.sink,
    limits: { ...DEFAULT_LIMITS, allowPrivate: false, privateHosts: ['localhost'], timeoutMs: 5_000 },
  });
  const bot = new Pilcrow(library.articles, { loadArticle, deleteArticle: library.deleteArticle, channels: library.store.channels });
  library.attach(bot);
  h = await startHarness({ bot, admins: ['UADMIN'] });
});
afterAll(async () => {
  await h.close();
  await site.close();
  await library.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `/article <text>` and returns the text of the (private) answer. */
async function command(text: string, user: string, channel: string): Promise<string> {
  const id = `art-${++n}`;
  await postCommand(h.adapter, slashCommand({ text, user, channel, responseUrl: h.fake.responseUrl(id) }));
  const answer = await h.fake.waitForResponse((r) => r.id === id, `answer to /article ${text}`);
  expect(answer.body.response_type).toBe('ephemeral');
  return blocksText(answer.body.blocks);
}

describe('Slack: /article add, use, list', () => {
  it('adds an article from a link (Slack’s <url|label> form), makes it the channel’s article, and answers from it', async () => {
    const link = `http://localhost:${site.port}/news/harbour-cranes`;
    const added = await command(`add <${link}|localhost:${site.port}/news/harbour-cranes>`, 'UADMIN', 'CPORT');
    expect(added).toContain(
      `Added “Rotterdam bets on electric cranes to cut harbour emissions” as ${ROTTERDAM} (7 paragraphs). It is now the current article here.`,
    );
    expect(await addedIds()).toEqual([ROTTERDAM]);

    // Anyone in the channel now asks about it, by command or by mention.
    expect(await command('Who wrote it?', 'UOTHER', 'CPORT')).toContain('is by Marta Velde');
    const ts = `1700000000.${String(++n).padStart(6, '0')}`;
    await postEvent(h.adapter, appMention({ text: '<@UBOT0001> Which ports compete with Rotterdam?', user: 'UOTHER', channel: 'CPORT', ts }));
    const reply = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CPORT' && c.params.thread_ts === ts);
    expect(blocksText(reply.params.blocks)).toContain('Antwerp and Hamburg');

    // Another channel is not bound: the library is searched as a whole there.
    expect(await command('What did Samsung sign with YMTC?', 'UOTHER', 'COTHER')).toContain('patent licensing agreement');
  });

  it('refuses a user not in SLACK_ADMINS privately, and adds nothing', async () => {
    const before = readdirSync(dir).sort();
    const text = await command(`add <http://localhost:${site.port}/reports/corals.pdf>`, 'UOTHER', 'CPORT');
    expect(text).toContain('You are not allowed to add articles here.');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(await addedIds()).toEqual([ROTTERDAM]);
  });

  it('a mention asking to add, from a user not in SLACK_ADMINS, is refused privately (ephemeral), not in the thread', async () => {
    const ts = `1700000000.${String(++n).padStart(6, '0')}`;
    await postEvent(h.adapter, appMention({ text: `<@UBOT0001> add <http://localhost:${site.port}/notes.md>`, user: 'UOTHER', channel: 'CPORT', ts }));
    const note = await h.fake.waitForCall('chat.postEphemeral', (c) => c.params.channel === 'CPORT' && c.params.user === 'UOTHER');
    expect(JSON.stringify(note.params)).toContain('You are not allowed to add articles here.');
    expect(h.fake.calls.some((c) => c.method === 'chat.postMessage' && c.params.thread_ts === ts)).toBe(false);
  });

  it('refuses a link that redirects to a loopback address, saying why, and adds nothing', async () => {
    const before = readdirSync(dir).sort();
    const text = await command(`add <http://localhost:${site.port}/to-loopback>`, 'UADMIN', 'CPORT');
    expect(text).toContain("I can't fetch 127.0.0.1: it points to a private, local or reserved network address.");
    expect(text).toContain('PRIVATE_URL_HOSTS=127.0.0.1');
    expect(text).toContain('ALLOW_PRIVATE_URLS=1');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(await addedIds()).toEqual([ROTTERDAM]);
  });

  it('`use <id>` switches the channel’s article and `list` marks it, kept in the library’s database', async () => {
    expect(await command('use chinese-tech-going-global', 'UOTHER', 'CPORT')).toContain('This channel now discusses “Chinese technology going global');
    expect(await command('quote 1', 'UOTHER', 'CPORT')).toContain('Two significant developments');
    const list = await command('list', 'UOTHER', 'CPORT');
    expect(list).toMatch(/▸ chinese-tech-going-global — .* — current/);
    expect(list).toContain(`• ${ROTTERDAM}`);
    // The database opened again (a restart) still knows.
    const again = await SqlLibrary.open({ kind: 'sqlite', file: libraryFile });
    expect(await again.channels.getArticle(`slack:${TEAM_ID}:CPORT`)).toBe('chinese-tech-going-global');
    await again.close();
  });

  it('`/article remove <id>` removes an article added from chat for an admin only; a bundled one is refused', async () => {
    expect(await command(`remove ${ROTTERDAM}`, 'UOTHER', 'CPORT')).toContain('You are not allowed to remove articles here.');
    expect(await command('remove chinese-tech-going-global', 'UADMIN', 'CPORT')).toContain('part of the bundled library every team sees');
    expect(await command(`remove ${ROTTERDAM}`, 'UADMIN', 'CPORT')).toContain(
      `Removed “Rotterdam bets on electric cranes to cut harbour emissions” (${ROTTERDAM}).`,
    );
    expect(await addedIds()).toEqual([]);
    expect(await command('list', 'UOTHER', 'CPORT')).not.toContain(ROTTERDAM);
  });
});
