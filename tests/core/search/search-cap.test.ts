/** A search matching thousands of paragraphs lists the best few and says how many matched. */
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/articles/content.js';
import { Pilcrow } from '../../../src/core/bot/pilcrow.js';
import { SEARCH_RESULTS_MAX } from '../../../src/core/bot/lookups.js';
import { renderReply as renderDiscord } from '../../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../../src/adapters/slack/render.js';

describe('search result cap', () => {
  it('lists at most SEARCH_RESULTS_MAX paragraphs of 1,000 matches, and counts them all', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => `Paragraph ${i + 1} mentions the battery plant number ${i + 1}.`).join('\n\n');
    const bot = new Pilcrow([parseArticle(`---\ntitle: "Many"\n---\n\n${body}\n`, 'content/many.md')]);
    const reply = await bot.handle({ conversationId: 'c', userId: 'u', command: { kind: 'search', query: 'battery' } });
    expect(reply.status).toBe('search');
    expect(reply.citations).toHaveLength(SEARCH_RESULTS_MAX);
    expect(reply.message).toMatch(/^1,000 paragraphs match; here are the best 25\./);
    // Both renderers get a reply of bounded size.
    expect(JSON.stringify(renderDiscord(reply, { conversationId: 'c' })).length).toBeLessThan(20_000);
    expect(JSON.stringify(renderSlack(reply, { conversationId: 'c' })).length).toBeLessThan(60_000);
  });
});
