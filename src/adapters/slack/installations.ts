/**
 * Many workspaces (OAuth): Bolt's `InstallationStore` over Pilcrow's installation records (the
 * database, tokens sealed). Bolt's InstallProvider runs the install flow and calls `storeInstallation`;
 * its `authorize` calls `fetchInstallation` for every incoming request, so each workspace's
 * requests are answered with that workspace's bot token.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from '../../runtime/logger.js';

/** Whose installation: a workspace, or a whole Enterprise Grid org (`teamId` unset). */
export interface SlackTenant {
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}

/** Where installations are kept (`SqlInstallations` in the store satisfies it). */
export interface InstallationRecords {
  put(tenant: SlackTenant, info: { appId: string; botUserId: string }, value: unknown): Promise<void>;
  get(tenant: SlackTenant): Promise<unknown>;
  delete(tenant: SlackTenant): Promise<boolean>;
}

/** The tenant an installation belongs to: the org for an org-wide install, else the workspace. */
export function tenantOf(installation: Installation): SlackTenant {
  if (installation.isEnterpriseInstall && installation.enterprise) return { enterpriseId: installation.enterprise.id };
  return { enterpriseId: installation.enterprise?.id, teamId: installation.team?.id };
}

/** The tenant a request (or an uninstall event) comes from. */
export function tenantOfQuery(query: { enterpriseId?: string | undefined; teamId?: string | undefined; isEnterpriseInstall?: boolean }): SlackTenant {
  if (query.isEnterpriseInstall && query.enterpriseId) return { enterpriseId: query.enterpriseId };
  return { enterpriseId: query.enterpriseId, teamId: query.teamId };
}

/** A readable name for a tenant in log lines (ids only, never a token). */
export function tenantLabel(tenant: SlackTenant): string {
  return [tenant.enterpriseId ? `enterprise ${tenant.enterpriseId}` : '', tenant.teamId ? `team ${tenant.teamId}` : ''].filter(Boolean).join(', ');
}

/** Bolt's installation store, backed by `records`. */
export function installationStore(records: InstallationRecords, logger: Logger): InstallationStore {
  return {
    async storeInstallation(installation) {
      const tenant = tenantOf(installation);
      // Pilcrow asks for no user scopes: a user token, should Slack send one, is not kept.
      const kept = { ...installation, user: { id: installation.user.id } };
      await records.put(tenant, { appId: installation.appId ?? '', botUserId: installation.bot?.userId ?? '' }, kept);
      logger.info({ ...tenant, appId: installation.appId, scopes: installation.bot?.scopes }, 'slack: app installed');
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const tenant = tenantOfQuery(query);
      const found = await records.get(tenant);
      // Bolt turns this into an AuthorizationError: the request is acknowledged and not answered.
      if (found === undefined) throw new Error(`no installation for ${tenantLabel(tenant)}`);
      return found as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await records.delete(tenantOfQuery(query));
    },
  };
}
