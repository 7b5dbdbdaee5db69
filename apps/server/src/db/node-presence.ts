import os from 'node:os';
import pg from 'pg';

/**
 * On PostgreSQL every running app node holds one connection named `qiao node …` for as long as it
 * runs, from before its migrations until after it has closed everything else. PostgreSQL lists it in
 * `pg_stat_activity` on every host, and drops it the moment the node's process ends, however it ends:
 * `qiao db restore` refuses while any is there (see backup.ts). A lost connection is opened again.
 */

export const NODE_APPLICATION_PREFIX = 'qiao node ';

/** `qiao node <id or host> pid <pid>`, within PostgreSQL's 63 bytes for an application name. */
export function nodeApplicationName(nodeId: string | null, hostname = os.hostname(), pid = process.pid): string {
  const who = (nodeId ?? hostname).replace(/[^\x20-\x7e]/g, '?');
  const tail = ` pid ${pid}`;
  return `${NODE_APPLICATION_PREFIX}${who.slice(0, 63 - NODE_APPLICATION_PREFIX.length - tail.length)}${tail}`;
}

export interface NodePresence {
  stop(): Promise<void>;
}

const RETRY_MS = 1_000;

/** Opens the named connection; resolves once it is there (a first failure is thrown). */
export async function announceNode(url: string, name: string, warn: (line: string) => void): Promise<NodePresence> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    c.on('error', () => undefined);
    await c.connect();
    try {
      await c.query(`select set_config('application_name', $1, false)`, [name]);
    } catch (err: unknown) {
      await c.end().catch(() => undefined);
      throw err;
    }
    c.once('end', () => {
      if (stopped || client !== c) return;
      client = null;
      warn(`the connection that shows this node as running was lost; opening it again`);
      retry();
    });
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
  };
  const retry = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch(() => retry());
    }, RETRY_MS);
    timer.unref();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export interface RunningNode {
  name: string;
  /** The node's address as PostgreSQL sees it; null over a Unix socket or without the right to see it. */
  address: string | null;
  since: Date | null;
}

/** The nodes connected to the database `client` is on, other than `client` itself. */
export async function runningNodes(client: pg.Client): Promise<RunningNode[]> {
  const res = await client.query<{ name: string; address: string | null; since: Date | null }>(
    `select application_name as name, host(client_addr) as address, backend_start as since
       from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and starts_with(application_name, $1)
      order by backend_start`,
    [NODE_APPLICATION_PREFIX],
  );
  return res.rows;
}
