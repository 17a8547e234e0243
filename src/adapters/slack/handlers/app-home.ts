/**
 * The App Home tab: opening it publishes the last 7 days' figures from the question log, the top
 * content gaps and a link to the insights page. Question texts are not shown there (everyone in
 * the workspace can open the tab); the words the article lacks and the counts are.
 */
import type { App } from '@slack/bolt';
import type { InsightsSource } from '../../../store/question-log.js';
import { renderHome } from '../home.js';
import { slackTenant } from '../ids.js';
import type { SlackDeps } from '../serve.js';

export function registerAppHome(app: App, deps: SlackDeps, insights: InsightsSource): void {
  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab !== 'home') return;
    const log = deps.logger.child({ origin: 'app_home', userId: event.user });
    let view;
    try {
      // The workspace's own questions only: another team's are not its business.
      view = renderHome(await insights.summary(7, slackTenant({ team: body.team_id, enterprise: body.enterprise_id }).tenant), insights.pageUrl);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack app home: reading the question log failed');
      view = renderHome(undefined, insights.pageUrl);
    }
    await deps.track(
      client.views.publish({ user_id: event.user, view }).then(
        () => undefined,
        (error: unknown) => log.error({ err: error }, 'slack app home: views.publish failed'),
      ),
    );
  });
}
