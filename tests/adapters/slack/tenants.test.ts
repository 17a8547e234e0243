/**
 * Two workspaces on one deployment, through the real Bolt app against the fake Slack: an article
 * added in workspace A is listed and answered there; workspace B (another team id) neither lists
 * it nor gets answers from it, by command, mention or DM, while both get the bundled article.
 * Workspaces of one Enterprise Grid organization share what they add. A SQLite library, as
 * `npm start` keeps it; the link points at a local site on 127.0.0.1.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { createArticleLoader, DEFAULT_LIMITS } from '../../../src/ingest/index.js';
import { openSharedLibrary, type SharedLibrary } from '../../../src/store/library-start.js';
import { bundledContentCopy, tempDir } from '../../fixtures/isolated.js';
import { startSite, type Site } from '../../ingest/site.js';
import { TEAM_ID } from '../../../scripts/demo/fake-slack.js';
import { appMention, blocksText, directMessage, postCommand, postEvent, slashCommand, startHarness, type Harness } from './harness.js';

const ROTTERDAM = 'rotterdam-bets-on-electric-cranes-to-cut-harbour-emissions';
const QUESTION = 'Which ports compete with Rotterdam?';
const TEAM_B = 'T0SECOND1';

let h: Harness;
let site: Site;
let library: SharedLibrary;
let n = 0;

beforeAll(async () => {
  site = await startSite();
  const contentDir = bundledContentCopy();
  library = await openSharedLibrary({
    location: { kind: 'sqlite', file: join(tempDir('slack-tenants'), 'library.sqlite') },
    contentDir,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const loadArticle = createArticleLoader({ contentDir, sink: library.sink, limits: { ...DEFAULT_LIMITS, privateHosts: ['localhost'], timeoutMs: 5_000 } });
  const bot = new Pilcrow(library.articles, { loadArticle, deleteArticle: library.deleteArticle, channels: library.store.channels });
  library.attach(bot);
  h = await startHarness({ bot });
});
afterAll(async () => {
  await h.close();
  await site.close();
  await library.close();
});

/** `/article <text>` from `team` (and `enterprise`, on Grid); the private answer's text. */
async function command(text: string, team: string, channel: string, enterprise?: string): Promise<string> {
  const id = `tenant-${++n}`;
  const fields = { ...slashCommand({ text, user: 'UADA', channel, responseUrl: h.fake.responseUrl(id) }), team_id: team };
  await postCommand(h.adapter, enterprise ? { ...fields, enterprise_id: enterprise } : fields);
  const answer = await h.fake.waitForResponse((r) => r.id === id, `answer to /article ${text}`);
  return blocksText(answer.body.blocks);
}

/** An event as workspace `team` sends it. */
const fromTeam = (envelope: Record<string, unknown>, team: string) => ({ ...envelope, team_id: team });

describe('Slack: two workspaces on one deployment', () => {
  it('an article added in workspace A is neither listed nor answered in workspace B; the bundled article answers in both', async () => {
    const added = await command(`add http://localhost:${site.port}/news/harbour-cranes`, TEAM_ID, 'CPORTA');
    expect(added).toContain(`as ${ROTTERDAM} (7 paragraphs)`);
    expect((await library.store.list()).map((r) => [r.id, r.tenant])).toEqual([[ROTTERDAM, `slack:${TEAM_ID}`]]);

    // A: listed, and answered by command and by mention.
    expect(await command('list', TEAM_ID, 'CPORTA')).toContain(ROTTERDAM);
    expect(await command(QUESTION, TEAM_ID, 'CPORTA')).toContain('Antwerp and Hamburg');
    const tsA = `1700000100.${String(++n).padStart(6, '0')}`;
    await postEvent(h.adapter, appMention({ text: `<@UBOT0001> ${QUESTION}`, user: 'UADA', channel: 'CPORTA', ts: tsA }));
    const inA = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CPORTA' && c.params.thread_ts === tsA);
    expect(blocksText(inA.params.blocks)).toContain('Antwerp and Hamburg');

    // B: not in the list, not usable, not answered — by command, mention or DM.
    const listB = await command('list', TEAM_B, 'CPORTB');
    expect(listB).toContain('chinese-tech-going-global');
    expect(listB).not.toContain(ROTTERDAM);
    expect(await command(`use ${ROTTERDAM}`, TEAM_B, 'CPORTB')).toContain(`There is no article "${ROTTERDAM}"`);
    expect(await command(QUESTION, TEAM_B, 'CPORTB')).not.toContain('Antwerp and Hamburg');
    const tsB = `1700000200.${String(++n).padStart(6, '0')}`;
    await postEvent(h.adapter, fromTeam(appMention({ text: `<@UBOT0001> ${QUESTION}`, user: 'UBOB', channel: 'CPORTB', ts: tsB }), TEAM_B));
    const inB = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'CPORTB' && c.params.thread_ts === tsB);
    expect(blocksText(inB.params.blocks)).not.toContain('Antwerp and Hamburg');
    await postEvent(h.adapter, fromTeam(directMessage({ text: 'list', user: 'UBOB', channel: 'DBOB0001' }), TEAM_B));
    const dmB = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'DBOB0001');
    expect(blocksText(dmB.params.blocks)).not.toContain(ROTTERDAM);

    // The bundled article answers in B as in A.
    expect(await command('What did Samsung sign with YMTC?', TEAM_B, 'CPORTB')).toContain('patent licensing agreement');
  });

  it('a DM belongs to its workspace: A’s article is listed in a DM from A', async () => {
    await postEvent(h.adapter, directMessage({ text: 'list', user: 'UADA', channel: 'DADA0001' }));
    const dm = await h.fake.waitForCall('chat.postMessage', (c) => c.params.channel === 'DADA0001');
    expect(blocksText(dm.params.blocks)).toContain(ROTTERDAM);
  });

  it('on Enterprise Grid the organization is the tenant: two of its workspaces share an added article', async () => {
    const added = await command(`add http://localhost:${site.port}/blog/tidal-mills`, 'T0GRIDWS1', 'CGRID1', 'E0ORG0001');
    expect(added).toMatch(/^Added/m);
    expect(await command('list', 'T0GRIDWS2', 'CGRID2', 'E0ORG0001')).toContain('tidal');
    expect(await command('list', TEAM_B, 'CPORTB')).not.toContain('tidal');
  });
});
