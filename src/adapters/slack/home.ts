/** The App Home view (Block Kit) for the question log's figures. */
import type { types } from '@slack/bolt';
import type { Insights } from '../../store/question-log.js';
import { escapeMrkdwn, link } from './mrkdwn.js';

type HomeView = types.HomeView;
type KnownBlock = types.KnownBlock;

const TOP_GAPS = 5;

/** The Home tab: figures of the last days, top gaps, the page's link; `undefined`: log unavailable. */
export function renderHome(i: Insights | undefined, pageUrl: string | undefined): HomeView {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Pilcrow insights — last 7 days' } }];
  if (!i) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'The question log is unavailable right now. Try again shortly.' } });
  } else {
    const t = i.totals;
    blocks.push({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Questions*\n${t.questions}` },
        { type: 'mrkdwn', text: `*Answered*\n${t.answered}` },
        { type: 'mrkdwn', text: `*Not covered*\n${t.notCovered}` },
        { type: 'mrkdwn', text: `*Votes*\n👍 ${t.up} · 👎 ${t.down}` },
      ],
    });
    const gaps = i.gaps.slice(0, TOP_GAPS);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        verbatim: true,
        text:
          gaps.length === 0
            ? '*Content gaps*\nNo unanswered questions this week.'
            : `*Content gaps* (asked, not in the article)\n${gaps.map((g) => `• ${escapeMrkdwn(g.terms || '(no words)')} — ${g.count}×`).join('\n')}`,
      },
    });
  }
  if (pageUrl) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${link(pageUrl, 'Open the insights page')} (needs the insights token)` }] });
  return { type: 'home', blocks };
}
