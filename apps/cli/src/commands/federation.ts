import { loadOrCreateNodeKey, openConfiguredDatabase, resyncNode, type Database, type ResyncResult } from '@qiao/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../errors.ts';
import { cliConfig, federatedConfig } from '../config.ts';
import { parseOptions } from '../validate.ts';

export interface NodeKeys {
  side: string;
  publicKey: string;
  keyFile: string;
}

/** This node's side and public key, creating the key on first use as the server would. */
export function nodeKeys(env: Record<string, string | undefined> = process.env): NodeKeys {
  const config = cliConfig(env);
  if (!config.federation) throw new CliError('federation is not configured: set QIAO_NODE_SIDE to US or CN (see docs/FEDERATION.md)');
  const key = loadOrCreateNodeKey(config.federation.keyFile);
  return { side: config.federation.side, publicKey: key.publicKeyBase64, keyFile: config.federation.keyFile };
}

/**
 * Appends the current state of every replicated object this node speaks for to its outbound log, for
 * a peer that joined after the objects were written; objects the peer has already are skipped.
 */
export async function resyncDatabase(env: Record<string, string | undefined> = process.env, open?: () => Promise<Database>): Promise<ResyncResult & { side: string }> {
  const config = federatedConfig(env, 'resync');
  const federation = config.federation;
  const database = await (open ?? (() => openConfiguredDatabase(config)))();
  try {
    await database.migrate();
    return { side: federation.side, ...(await resyncNode(database.db, federation)) };
  } finally {
    await database.close();
  }
}

const counts = (c: Partial<Record<string, number>>) =>
  Object.entries(c)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

export function registerFederationCommands(program: Command): void {
  const federation = program.command('federation').description('This node in a federation of one node per side');
  federation
    .command('keys')
    .description("Print this node's side and Ed25519 public key (base64, 32 bytes): give it to the peer node as QIAO_PEER_PUBLIC_KEY")
    .option('--json', 'print one JSON line')
    .action((raw: unknown) => {
      const opts = parseOptions(z.object({ json: z.boolean().optional() }), raw);
      const keys = nodeKeys();
      process.stdout.write(opts.json ? `${JSON.stringify(keys)}\n` : `side: ${keys.side}\npublic key: ${keys.publicKey}\nkey file: ${keys.keyFile}\n`);
    });
  federation
    .command('resync')
    .description('Append the current state of every replicated object this node speaks for to its outbound log (groups, rounds, minutes, proposals, catalogue...), for a peer that joined after they were written; unchanged objects the peer has are skipped')
    .option('--json', 'print one JSON line')
    .action(async (raw: unknown) => {
      const opts = parseOptions(z.object({ json: z.boolean().optional() }), raw);
      const r = await resyncDatabase();
      const sent = Object.values(r.sent).reduce((a, n) => a + (n ?? 0), 0);
      process.stdout.write(
        opts.json ? `${JSON.stringify(r)}\n` : `${r.side} node: ${sent} event${sent === 1 ? '' : 's'} appended (${counts(r.sent)}); ${r.unchanged} unchanged; not this node's to send: ${counts(r.notSent)}; log head ${r.head}\n`,
      );
    });
}
