import { ConfigError, loadConfig, type Config } from '@qiao/server';
import { CliError } from './errors.ts';

/** The server's configuration from the environment; a wrong setting is a one-line error, not a stack trace. */
export function cliConfig(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err: unknown) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

/** The configuration of a node with a peer, for commands that only make sense on one; `what` names the command. */
export function federatedConfig(env: Record<string, string | undefined>, what: string): Config & { federation: NonNullable<Config['federation']> & { peer: NonNullable<NonNullable<Config['federation']>['peer']> } } {
  const config = cliConfig({ ...env, QIAO_LOG_LEVEL: 'silent' });
  const federation = config.federation;
  if (!federation?.peer) throw new CliError(`${what} needs a federated node: set QIAO_NODE_SIDE, QIAO_PEER_URL and QIAO_PEER_PUBLIC_KEY (see docs/FEDERATION.md)`);
  return { ...config, federation: { ...federation, peer: federation.peer } };
}
