/**
 * Many workspaces (OAuth): a workspace that uninstalls the app, or revokes its bot token, loses
 * its stored installation at once; its later requests find none and are not answered. Bolt skips
 * authorization for these two events, so they arrive even though the token no longer works.
 */
import type { App } from '@slack/bolt';
import { tenantLabel, tenantOfQuery, type InstallationRecords } from '../installations.js';
import type { SlackDeps } from '../serve.js';

export function registerLifecycle(app: App, deps: SlackDeps, records: InstallationRecords): void {
  const forget = async (context: { enterpriseId?: string; teamId?: string; isEnterpriseInstall?: boolean }, why: string) => {
    const tenant = tenantOfQuery(context);
    if (!tenant.enterpriseId && !tenant.teamId) {
      deps.logger.warn({ event: why }, 'slack: uninstall event names no workspace; nothing deleted');
      return;
    }
    const deleted = await records.delete(tenant);
    deps.logger.info({ ...tenant, event: why, deleted }, `slack: ${why}: installation of ${tenantLabel(tenant)} ${deleted ? 'deleted' : 'was already gone'}`);
  };

  app.event('app_uninstalled', async ({ context }) => {
    await forget(context, 'app_uninstalled');
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    // Only the bot token is kept (user tokens never are), so only its revocation deletes anything.
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(context, 'tokens_revoked');
  });
}
