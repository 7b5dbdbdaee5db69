import { CreateUserRequestSchema, RoleSchema } from '@qiao/contracts';
import { buildServices, migrationState, openConfiguredDatabase, startServer, type Config } from '@qiao/server';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError, usageError } from '../errors.ts';
import { cliConfig } from '../config.ts';
import { registerDbBackupCommands } from './db.ts';
import { parseOptions } from '../validate.ts';

const config = (): Config => cliConfig();

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `qiao serve`, `qiao db migrate`, `qiao users create`. */
export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('Start the web app and API (embedded PGlite, or PostgreSQL when DATABASE_URL is set)')
    .action(async () => {
      const server = await startServer(config(), out);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });

  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations and report the migration state')
    .action(async () => {
      const database = await openConfiguredDatabase(config());
      try {
        await database.migrate();
        const state = await migrationState(database);
        out(`${database.kind}: ${state.applied}/${state.expected} migrations applied`);
      } finally {
        await database.close();
      }
    });
  registerDbBackupCommands(db, config);

  const users = program.command('users').description('Accounts');
  users
    .command('create')
    .description('Create a user; prints a one-time password unless --password is given')
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--side <code>', 'side the user belongs to, e.g. US or CN')
    .option('--role <role...>', `roles held for the user's side: ${RoleSchema.options.join(', ')}`, [])
    .option('--password <password>', 'initial password (12+ characters); omit to generate a one-time password')
    .action(async (raw: { email: string; name: string; side: string; role: string[]; password?: string }) => {
      const opts = parseOptions(
        z.object({ email: z.string(), name: z.string(), side: z.string(), role: z.array(RoleSchema), password: z.string().optional() }),
        raw,
      );
      const input = CreateUserRequestSchema.safeParse({
        email: opts.email,
        displayName: opts.name,
        side: opts.side,
        roles: opts.role.map((role) => ({ role, side: opts.side })),
        password: opts.password,
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        throw usageError(`${issue?.path.join('.') ?? 'input'}: ${issue?.message ?? 'invalid'}`);
      }
      const cfg = config();
      const database = await openConfiguredDatabase(cfg);
      try {
        await database.migrate();
        const services = buildServices(cfg, database, { now: () => new Date(), log: { info: out, warn: out } });
        const { user, oneTimePassword } = await services.users.create(null, input.data).catch((err: unknown) => {
          throw new CliError(err instanceof Error ? err.message : String(err));
        });
        out(`created ${user.email} (${user.side}; roles: ${user.roles.map((r) => r.role).join(', ') || 'none'})`);
        if (oneTimePassword) out(`one-time password: ${oneTimePassword}`);
      } finally {
        await database.close();
      }
    });
}
