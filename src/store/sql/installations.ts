/**
 * Installations of the Slack app in many workspaces (OAuth), in the same database as the question
 * log: SQLite in DATA_DIR by default, PostgreSQL with DATABASE_URL. Each row's secret part (the
 * installation with its bot token) is sealed with AES-256-GCM under `SLACK_TOKEN_KEY` and bound to
 * its row; only identifiers are stored in clear. What an installation holds is the adapter's
 * business: this store keeps a JSON value per tenant.
 */
import { sql, type Kysely } from 'kysely';
import { Sealer } from '../sealed.js';
import { openDatabase, type LogLocation } from './connect.js';

/** The table, as Kysely sees it ('' for an absent id). */
export interface SlackInstallationsTable {
  enterprise_id: string;
  team_id: string;
  app_id: string;
  bot_user_id: string;
  installed_at: number;
  /** `Sealer.seal` of the installation's JSON. */
  sealed: string;
}

// A type alias, not an interface: Kysely's `withTables` wants an index-compatible record.
type InstallationsDatabase = {
  slack_installations: SlackInstallationsTable;
};

/** Whose installation: a workspace (`teamId`, in an Enterprise Grid org or not) or a whole org (`teamId` unset). */
export interface Tenant {
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}

/** The identifiers kept in clear beside the sealed value. */
export interface InstallationInfo {
  appId: string;
  botUserId: string;
}

/** Read, written and deleted by tenant; the value is JSON and is only ever stored sealed. */
export class SqlInstallations {
  private constructor(
    private readonly db: Kysely<InstallationsDatabase>,
    private readonly kind: LogLocation['kind'],
    private readonly sealer: Sealer,
  ) {}

  /**
   * Opens (and migrates) the database at `location`; values are sealed with `key` (32 bytes).
   * @throws Error when the database cannot be opened or migrated.
   */
  static async open(location: LogLocation, key: Buffer): Promise<SqlInstallations> {
    const { db, kind } = await openDatabase(location);
    // The same database as the log; this store sees only its own table.
    return new SqlInstallations(db as unknown as Kysely<InstallationsDatabase>, kind, new Sealer(key));
  }

  /** Stores (or replaces) `tenant`'s installation. */
  async put(tenant: Tenant, info: InstallationInfo, value: unknown): Promise<void> {
    const row = rowKey(tenant);
    const values: SlackInstallationsTable = {
      ...row,
      app_id: info.appId,
      bot_user_id: info.botUserId,
      installed_at: Date.now(),
      sealed: this.sealer.seal(JSON.stringify(value), context(row)),
    };
    await this.write((db) =>
      db
        .insertInto('slack_installations')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['enterprise_id', 'team_id'])
            .doUpdateSet({ app_id: values.app_id, bot_user_id: values.bot_user_id, installed_at: values.installed_at, sealed: values.sealed }),
        )
        .execute(),
    );
  }

  /**
   * `tenant`'s installation, or undefined when it has none.
   * @throws Error naming SLACK_TOKEN_KEY when the row cannot be opened with this key.
   */
  async get(tenant: Tenant): Promise<unknown> {
    const row = rowKey(tenant);
    const found = await this.db
      .selectFrom('slack_installations')
      .select('sealed')
      .where('enterprise_id', '=', row.enterprise_id)
      .where('team_id', '=', row.team_id)
      .executeTakeFirst();
    if (!found) return undefined;
    let plain: string;
    try {
      plain = this.sealer.open(found.sealed, context(row));
    } catch (error) {
      throw new Error(
        `slack installations: the row of ${context(row)} cannot be decrypted: SLACK_TOKEN_KEY is not the key it was stored with (or the row was altered). Restore the old key, or have the workspace install the app again.`,
        { cause: error },
      );
    }
    return JSON.parse(plain) as unknown;
  }

  /** Deletes `tenant`'s installation; true when there was one. */
  async delete(tenant: Tenant): Promise<boolean> {
    const row = rowKey(tenant);
    const result = await this.write((db) =>
      db.deleteFrom('slack_installations').where('enterprise_id', '=', row.enterprise_id).where('team_id', '=', row.team_id).executeTakeFirst(),
    );
    return Number(result.numDeletedRows) > 0;
  }

  /** How many workspaces and orgs have the app installed. */
  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('slack_installations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * A write that must survive a server crash once it returns: the shared pool turns off
   * PostgreSQL's synchronous commit for the question log, so it is turned back on here.
   */
  private async write<T>(run: (db: Kysely<InstallationsDatabase>) => Promise<T>): Promise<T> {
    if (this.kind !== 'postgres') return run(this.db);
    return this.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = on`.execute(trx);
      return run(trx);
    });
  }
}

function rowKey(tenant: Tenant): { enterprise_id: string; team_id: string } {
  if (!tenant.enterpriseId && !tenant.teamId) throw new Error('slack installations: a tenant needs a team id or an enterprise id.');
  return { enterprise_id: tenant.enterpriseId ?? '', team_id: tenant.teamId ?? '' };
}

/** What a sealed value is bound to: its row, so a value copied into another row does not open. */
function context(row: { enterprise_id: string; team_id: string }): string {
  return `slack-installation:${row.enterprise_id}:${row.team_id}`;
}
