import { ConfigError, loadConfig, loadOrCreateNodeKey } from '@qiao/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../errors.ts';
import { parseOptions } from '../validate.ts';

export interface NodeKeys {
  side: string;
  publicKey: string;
  keyFile: string;
}

/** This node's side and public key, creating the key on first use as the server would. */
export function nodeKeys(env: Record<string, string | undefined> = process.env): NodeKeys {
  let config;
  try {
    config = loadConfig(env);
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  if (!config.federation) throw new CliError('federation is not configured: set QIAO_NODE_SIDE to US or CN (see docs/FEDERATION.md)');
  const key = loadOrCreateNodeKey(config.federation.keyFile);
  return { side: config.federation.side, publicKey: key.publicKeyBase64, keyFile: config.federation.keyFile };
}

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
}
