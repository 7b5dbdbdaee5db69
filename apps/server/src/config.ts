import path from 'node:path';
import { z } from 'zod';

/** Every setting the server reads, parsed once at startup; nothing else reads process.env. */
const EnvSchema = z.object({
  /** PostgreSQL connection string. Unset: the embedded PGlite database in QIAO_DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Directory of the embedded database and other local data. */
  QIAO_DATA_DIR: z.string().min(1).default('./.qiao/data'),
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Interface to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  QIAO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the labelled demo data when the database is empty (true/false). */
  QIAO_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Send the session cookie only over HTTPS; set true behind TLS. */
  QIAO_SECURE_COOKIES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Session lifetime in hours. */
  QIAO_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  /** Sign-in attempts allowed per address and email per 15 minutes. */
  QIAO_SIGNIN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Trust X-Forwarded-For from a reverse proxy in front of the server (true/false). */
  QIAO_TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Directory of the built web app; unset: apps/web/dist in this repository. */
  QIAO_WEB_DIST: z.string().optional(),
});

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['QIAO_LOG_LEVEL'];
  seedDemo: boolean;
  secureCookies: boolean;
  sessionHours: number;
  signInLimit: number;
  trustProxy: boolean;
  webDist: string;
}

export class ConfigError extends Error {}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Parses the environment; reports every problem at once with the variable to fix. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.QIAO_DATA_DIR);
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.join(dataDir, 'db') },
    dataDir,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.QIAO_LOG_LEVEL,
    seedDemo: e.QIAO_DEMO,
    secureCookies: e.QIAO_SECURE_COOKIES,
    sessionHours: e.QIAO_SESSION_HOURS,
    signInLimit: e.QIAO_SIGNIN_LIMIT,
    trustProxy: e.QIAO_TRUST_PROXY,
    webDist: e.QIAO_WEB_DIST ? path.resolve(e.QIAO_WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
  };
}
