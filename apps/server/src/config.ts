import path from 'node:path';
import { z } from 'zod';
import type { S3StoreConfig } from './modules/datasets/dataset.storage.s3.ts';
import { parseFederationEnv, type FederationConfig } from './modules/federation/federation.config.ts';

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
  /** Largest dataset file accepted for upload, in bytes (default 10 GiB). */
  QIAO_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(10 * 1024 ** 3),
  /** Directory of the built web app; unset: apps/web/dist in this repository. */
  QIAO_WEB_DIST: z.string().optional(),
  /** Largest list file upload (all files of one upload together), in bytes. */
  QIAO_LIST_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(100 * 1024 * 1024),
  /** Largest batch-screening CSV upload, in bytes. */
  QIAO_BATCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  /** Most rows in one batch-screening CSV. */
  QIAO_BATCH_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),
  /** Batch rows screened and committed together: the most a crash can cost is one chunk's work. */
  QIAO_BATCH_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Run background jobs (batch screening, re-screening) on this node (true/false). */
  QIAO_JOB_WORKER: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Seconds a node holds a job without renewing; after that another node resumes it. */
  QIAO_JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * With PostgreSQL and several nodes: a name for this node, unique among them and the same across its
   * restarts, so that at start it resumes the jobs its previous run left instead of waiting for their
   * lease. Unset: those jobs resume when their lease runs out. (The embedded database needs none.)
   */
  QIAO_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
    .optional(),
  /** Milliseconds between looks for queued jobs when idle. */
  QIAO_JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** `qiao lists update`: the trade.gov Consolidated Screening List CSV. */
  QIAO_LIST_CSL_URL: z.string().url().default('https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv'),
  /** `qiao lists update`: folder of OFAC's Sanctions List Service exports (SDN.CSV, ALT.CSV, ADD.CSV, CONS_*.CSV). */
  QIAO_LIST_OFAC_URL: z.string().url().default('https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports'),
  /** `qiao lists update`: OpenSanctions dataset folder; each dataset's entities.ftm.json is read from it. */
  QIAO_LIST_OPENSANCTIONS_URL: z.string().url().default('https://data.opensanctions.org/datasets/latest'),
  /** `qiao lists update`: list id = OpenSanctions dataset, comma-separated, for lists without an official machine-readable form. */
  QIAO_LIST_OPENSANCTIONS_DATASETS: z
    .string()
    .regex(/^([a-z0-9-]+=[a-z0-9_]+)(,[a-z0-9-]+=[a-z0-9_]+)*$/, 'must be list-id=dataset pairs separated by commas')
    .default('cn-sanctions=cn_sanctions,us-dod-1260h=us_dod_chinese_milcorps,us-uflpa=us_dhs_uflpa'),
  /** Token a Prometheus scraper sends (Authorization: Bearer ...) to read GET /metrics; unset: no /metrics. */
  QIAO_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** S3-compatible store for dataset files, shared by every node. Unset: the files directory in QIAO_DATA_DIR. */
  QIAO_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  /** S3 endpoint URL (MinIO, Ceph, R2, ...); unset: AWS's endpoint for the region. */
  QIAO_S3_ENDPOINT: z.string().url().optional(),
  QIAO_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Unset (with the secret): the AWS SDK's default credential chain. */
  QIAO_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  QIAO_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addresses (endpoint/bucket/key), which MinIO and most self-hosted servers need. */
  QIAO_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** `qiao lists update`: milliseconds allowed per download. */
  QIAO_LIST_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  /** Outgoing mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start). Unset: no mail is sent. */
  QIAO_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
  /** The sender of notification mail, e.g. "Qiao <qiao@example.org>"; needed with QIAO_SMTP_URL. */
  QIAO_MAIL_FROM: z.string().min(3).max(320).optional(),
  /** The address people open the web app at, for links in mail; default http://HOST:PORT. */
  QIAO_PUBLIC_URL: z.string().url().optional(),
  /** The UTC hour after which the daily digest goes out (0-23). */
  QIAO_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Milliseconds between the notification scheduler's looks (mail to send, reminders, the digest). */
  QIAO_NOTIFY_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Milliseconds between heartbeats on a live-update stream. */
  QIAO_LIVE_HEARTBEAT_MS: z.coerce.number().int().min(1000).max(300_000).default(25_000),
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
  uploadMaxBytes: number;
  /** Where dataset files are stored (content-addressed) when no S3 bucket is configured. */
  filesDir: string;
  /** QIAO_METRICS_TOKEN, or null when /metrics is off. */
  metricsToken: string | null;
  /** Dataset file storage: the local files directory or an S3-compatible bucket. */
  storage: { kind: 'local'; dir: string } | { kind: 's3'; s3: S3StoreConfig };
  webDist: string;
  screening: ScreeningConfig;
  notifications: NotificationsConfig;
  /** QIAO_NODE_SIDE and QIAO_PEER_*: this node's side and its peer node; null when the node runs alone. */
  federation: FederationConfig | null;
}

/** Settings of the screening module and its background jobs. */
export interface ScreeningConfig {
  listUploadMaxBytes: number;
  batchMaxBytes: number;
  batchMaxRows: number;
  batchChunkRows: number;
  runWorker: boolean;
  jobLeaseMs: number;
  jobPollMs: number;
  /** QIAO_NODE_ID, or null. */
  nodeId: string | null;
  sources: { cslUrl: string; ofacUrl: string; openSanctionsUrl: string; openSanctionsDatasets: { listId: string; dataset: string }[] };
  downloadTimeoutMs: number;
}

/** Inbox, mail and live updates. */
export interface NotificationsConfig {
  /** Null when QIAO_SMTP_URL is unset: notices stay in the inbox only. */
  mail: { smtpUrl: string; from: string } | null;
  publicUrl: string;
  digestHourUtc: number;
  pollMs: number;
  heartbeatMs: number;
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
  if (!!e.QIAO_SMTP_URL !== !!e.QIAO_MAIL_FROM) throw new ConfigError('invalid configuration:\n  QIAO_SMTP_URL and QIAO_MAIL_FROM: set both to send mail, or neither\nSee .env.example for every setting.');
  const dataDir = path.resolve(e.QIAO_DATA_DIR);
  const s3Problems = [
    ...(!e.QIAO_S3_BUCKET && (e.QIAO_S3_ENDPOINT || e.QIAO_S3_ACCESS_KEY_ID || e.QIAO_S3_SECRET_ACCESS_KEY) ? ['  QIAO_S3_BUCKET: required when other QIAO_S3_* settings are given'] : []),
    ...(!e.QIAO_S3_ACCESS_KEY_ID !== !e.QIAO_S3_SECRET_ACCESS_KEY ? ['  QIAO_S3_ACCESS_KEY_ID, QIAO_S3_SECRET_ACCESS_KEY: give both or neither'] : []),
  ];
  if (s3Problems.length) throw new ConfigError(`invalid configuration:\n${s3Problems.join('\n')}\nSee .env.example for every setting.`);
  const federation = parseFederationEnv(env, dataDir);
  if (federation.problems.length) throw new ConfigError(`invalid configuration:\n${federation.problems.join('\n')}\nSee docs/FEDERATION.md for the federation settings.`);
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
    uploadMaxBytes: e.QIAO_UPLOAD_MAX_BYTES,
    filesDir: path.join(dataDir, 'files'),
    metricsToken: e.QIAO_METRICS_TOKEN ?? null,
    storage: e.QIAO_S3_BUCKET
      ? {
          kind: 's3',
          s3: {
            bucket: e.QIAO_S3_BUCKET,
            endpoint: e.QIAO_S3_ENDPOINT ?? null,
            region: e.QIAO_S3_REGION,
            accessKeyId: e.QIAO_S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: e.QIAO_S3_SECRET_ACCESS_KEY ?? null,
            forcePathStyle: e.QIAO_S3_FORCE_PATH_STYLE,
          },
        }
      : { kind: 'local', dir: path.join(dataDir, 'files') },
    webDist: e.QIAO_WEB_DIST ? path.resolve(e.QIAO_WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
    screening: {
      listUploadMaxBytes: e.QIAO_LIST_UPLOAD_MAX_BYTES,
      batchMaxBytes: e.QIAO_BATCH_MAX_BYTES,
      batchMaxRows: e.QIAO_BATCH_MAX_ROWS,
      batchChunkRows: e.QIAO_BATCH_CHUNK_ROWS,
      runWorker: e.QIAO_JOB_WORKER,
      jobLeaseMs: e.QIAO_JOB_LEASE_SECONDS * 1000,
      jobPollMs: e.QIAO_JOB_POLL_MS,
      nodeId: e.QIAO_NODE_ID ?? null,
      sources: {
        cslUrl: e.QIAO_LIST_CSL_URL,
        ofacUrl: e.QIAO_LIST_OFAC_URL,
        openSanctionsUrl: e.QIAO_LIST_OPENSANCTIONS_URL,
        openSanctionsDatasets: e.QIAO_LIST_OPENSANCTIONS_DATASETS.split(',').map((pair) => {
          const [listId = '', dataset = ''] = pair.split('=');
          return { listId, dataset };
        }),
      },
      downloadTimeoutMs: e.QIAO_LIST_DOWNLOAD_TIMEOUT_MS,
    },
    notifications: {
      mail: e.QIAO_SMTP_URL && e.QIAO_MAIL_FROM ? { smtpUrl: e.QIAO_SMTP_URL, from: e.QIAO_MAIL_FROM } : null,
      publicUrl: (e.QIAO_PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
      digestHourUtc: e.QIAO_DIGEST_HOUR,
      pollMs: e.QIAO_NOTIFY_POLL_MS,
      heartbeatMs: e.QIAO_LIVE_HEARTBEAT_MS,
    },
    federation: federation.federation,
  };
}
