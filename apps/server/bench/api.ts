// API load benchmark: starts the server on each engine (embedded PGlite, and PostgreSQL when one is at
// hand), seeds realistic volumes (the 8 real lists from ../shared/data/lists, 2,000 parties, 50 working
// groups with 20 rounds each, 500 projects, 200 datasets) straight through the database, and drives the
// read endpoints with autocannon beside a bare Fastify route measured in the same run.
// Run: npm run bench:api [-- --seconds 10 --connections 20 --engine pglite|postgres|both --postgres URL --only TEXT --cpu-prof DIR]
// PostgreSQL: --postgres URL, else DATABASE_URL, else a throwaway cluster from /usr/lib/postgresql.
// Not a test: figures depend on the machine; they go in the README.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { PROJECT_STATUSES } from '@qiao/contracts';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { dialogueRounds, dialogueTracks } from '../src/modules/dialogues/dialogue.schema.ts';
import { datasets } from '../src/modules/datasets/dataset.schema.ts';
import { workingGroups } from '../src/modules/groups/group.schema.ts';
import { organizations, people } from '../src/modules/parties/party.schema.ts';
import { projects } from '../src/modules/projects/project.schema.ts';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    engine: { type: 'string', default: 'both' },
    postgres: { type: 'string' },
    /** Only the endpoints whose name contains this text (for profiling one of them). */
    only: { type: 'string' },
    /** Writes a CPU profile of the load phase (not the seeding) to this directory. */
    'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(opts.seconds);
const connections = Number(opts.connections);
const out = (line: string) => process.stdout.write(`${line}\n`);
const listsDir = path.resolve(import.meta.dirname, '../../../../shared/data/lists');
if (!existsSync(listsDir)) {
  out(`no list files at ${listsDir}; the benchmark needs the real lists`);
  process.exit(1);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A throwaway PostgreSQL cluster (run as the postgres user when we are root); null when there is none. */
async function throwawayPostgres(): Promise<{ url: string; stop(): void } | null> {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) return null;
  const bin = path.join(root, version, 'bin');
  const asPostgres = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const r = asPostgres ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { encoding: 'utf8' }) : spawnSync(path.join(bin, tool), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout}`);
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-bench-pg-'));
  if (asPostgres) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  run('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
  run('pg_ctl', ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c fsync=off -c listen_addresses=127.0.0.1`, '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freshPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `qiao_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const bi = (en: string, zh: string) => ({ en, zh, enEditedAt: null, zhEditedAt: null });
const chunks = <T>(rows: T[], size = 250): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** The volumes of a national programme, written straight to the tables. */
async function seed(database: Database, services: Awaited<ReturnType<typeof buildApp>>['services']): Promise<void> {
  const db = database.db;
  let t = performance.now();
  const files = walk(listsDir).map((p) => ({ path: path.relative(listsDir, p), contents: readFileSync(p) }));
  const imported = await services.screening.lists.importFiles(null, files);
  out(`  lists: ${imported.items.length}, ${imported.items.reduce((n, i) => n + i.version.recordCount, 0)} records (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  const kinds = ['university', 'institute', 'company', 'government', 'ngo', 'other'] as const;
  const orgs = Array.from({ length: 1500 }, (_, i) => ({
    names: [{ lang: 'en' as const, value: `Research Organisation ${i}` }, { lang: 'zh-Hans' as const, value: `研究机构${i}号` }],
    side: i % 2 ? 'US' : 'CN',
    country: i % 2 ? 'US' : 'CN',
    kind: kinds[i % kinds.length] ?? 'other',
  }));
  for (const c of chunks(orgs)) await db.insert(organizations).values(c);
  const persons = Array.from({ length: 500 }, (_, i) => ({ names: [{ lang: 'en' as const, value: `Researcher ${i}` }], side: i % 2 ? 'US' : 'CN' }));
  for (const c of chunks(persons)) await db.insert(people).values(c);
  const groups = await db
    .insert(workingGroups)
    .values(Array.from({ length: 50 }, (_, i) => ({ name: bi(`Working group ${i}`, `工作组${i}`), charter: bi('Charter', '章程'), technologyArea: 'climate', sides: ['US', 'CN'], status: 'active' as const })))
    .returning({ id: workingGroups.id });
  for (const g of groups) {
    const [track] = await db.insert(dialogueTracks).values({ groupId: g.id, title: bi('Track', '议题') }).returning({ id: dialogueTracks.id });
    if (!track) throw new Error('no track');
    await db.insert(dialogueRounds).values(Array.from({ length: 20 }, (_, r) => ({ trackId: track.id, groupId: g.id, title: bi(`Round ${r}`, `第${r}轮`), startsAt: new Date(Date.UTC(2016 + (r % 10), r % 12, 1)) })));
  }
  const statuses = PROJECT_STATUSES;
  const projectRows = Array.from({ length: 500 }, (_, i) => ({
    groupId: groups[i % groups.length]?.id ?? '',
    title: bi(`Joint project ${i}`, `联合项目${i}`),
    abstract: bi('Abstract', '摘要'),
    technologyArea: 'climate',
    keywords: ['climate'],
    parties: [],
    dataPlan: [],
    budget: [],
    status: statuses[i % statuses.length] ?? 'draft',
  }));
  for (const c of chunks(projectRows)) await db.insert(projects).values(c);
  const levels = ['open', 'on_request', 'restricted', 'open'] as const;
  const datasetRows = Array.from({ length: 200 }, (_, i) => ({
    title: bi(`Dataset ${i}`, `数据集${i}`),
    description: bi('Observations', '观测数据'),
    creators: [{ name: `Author ${i}`, affiliation: '', side: i % 2 ? 'US' : 'CN' }],
    subjects: ['climate'],
    spatial: [],
    licence: 'CC-BY-4.0',
    relatedPublications: [],
    accessLevel: levels[i % levels.length] ?? 'open',
    side: i % 2 ? 'US' : 'CN',
    dataDeclaration: {},
  }));
  for (const c of chunks(datasetRows)) await db.insert(datasets).values(c);
  out(`  seeded 2,000 parties, 50 groups × 20 rounds, 500 projects, 200 datasets (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

interface Row {
  name: string;
  rps: number;
  p99: number;
  errors: number;
  /** Database queries per request during the run (N+1 shows here). */
  queries: number;
}

let queryCount = 0;

async function load(name: string, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Row | null> {
  if (opts.only && !name.includes(opts.only)) return null;
  const profile = opts['cpu-prof'] ? new Session() : null;
  if (profile) {
    profile.connect();
    await profile.post('Profiler.enable');
    await profile.post('Profiler.start');
  }
  const queriesBefore = queryCount;
  const result = await autocannon({ url, connections, duration: seconds, method: init.method ?? 'GET', headers: init.headers ?? {}, ...(init.body ? { body: init.body } : {}) });
  if (profile && opts['cpu-prof']) {
    const { profile: data } = await profile.post('Profiler.stop');
    mkdirSync(opts['cpu-prof'], { recursive: true });
    writeFileSync(path.join(opts['cpu-prof'], `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(data));
    profile.disconnect();
  }
  const errors = result.errors + result.timeouts + result.non2xx;
  return { name, rps: Math.round(result.requests.average), p99: result.latency.p99, errors, queries: (queryCount - queriesBefore) / Math.max(1, result.requests.total) };
}

async function runEngine(engine: 'pglite' | 'postgres', pgAdminUrl: string | null): Promise<Row[]> {
  out(`\n${engine}:`);
  const onQuery = () => void queryCount++;
  const database = await openDatabase(engine === 'postgres' && pgAdminUrl ? { kind: 'postgres', url: await freshPostgresDatabase(pgAdminUrl) } : { kind: 'pglite', dataDir: null }, { onQuery });
  await database.migrate();
  const config = loadConfig({ QIAO_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'qiao-bench-')), QIAO_WEB_DIST: '/nonexistent', QIAO_LOG_LEVEL: 'silent', QIAO_SIGNIN_LIMIT: '10000' });
  const { app, services } = await buildApp({ config, database, logger: false });
  await services.indicators.ensureSeed();
  await seed(database, services);
  await services.screening.index.current();
  const email = `bench-${Date.now()}@bench.example`;
  await services.users.create(null, { email, displayName: 'Bench', side: 'US', roles: [{ role: 'compliance_officer', side: 'US' }, { role: 'member', side: 'US' }], password: 'correct-horse-battery-staple' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct-horse-battery-staple' }) });
  const session = (await signIn.json()) as { csrfToken: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const auth = { cookie, 'x-csrf-token': session.csrfToken };

  const bare = Fastify({ logger: false });
  bare.get('/bare', () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const rows = [
    await load('bare Fastify route (rival)', `${bareUrl}/bare`),
    await load('GET /api/health', `${base}/api/health`),
    await load('GET /api/indicators (no session)', `${base}/api/indicators`),
    await load('GET /api/datasets', `${base}/api/datasets`, { headers: auth }),
    await load('GET /api/projects', `${base}/api/projects`, { headers: auth }),
    await load('POST /api/screening/search (华为技术有限公司)', `${base}/api/screening/search`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: '华为技术有限公司' }) }),
  ].filter((r): r is Row => r !== null);
  for (const r of rows) out(`  ${r.name.padEnd(48)} ${String(r.rps).padStart(7)} req/s   p99 ${String(r.p99).padStart(5)} ms   ${r.queries.toFixed(1)} queries/request${r.errors ? `   ${r.errors} errors` : ''}`);
  await bare.close();
  await app.close();
  await database.close();
  rmSync(config.dataDir, { recursive: true, force: true });
  return rows;
}

const engines = opts.engine === 'both' ? (['pglite', 'postgres'] as const) : ([opts.engine] as ('pglite' | 'postgres')[]);
const results = new Map<string, Row[]>();
let cluster: { url: string; stop(): void } | null = null;
try {
  for (const engine of engines) {
    let adminUrl: string | null = null;
    if (engine === 'postgres') {
      adminUrl = opts.postgres ?? process.env.DATABASE_URL ?? null;
      if (!adminUrl) {
        cluster = await throwawayPostgres();
        adminUrl = cluster?.url ?? null;
      }
      if (!adminUrl) {
        out('\npostgres: skipped (no --postgres URL, no DATABASE_URL and no PostgreSQL binaries)');
        continue;
      }
    }
    results.set(engine, await runEngine(engine, adminUrl));
  }
} finally {
  cluster?.stop();
}

out(`\n${connections} connections, ${seconds} s per endpoint, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? ''})\n`);
const names = [...results.values()][0]?.map((r) => r.name) ?? [];
const header = ['endpoint', ...[...results.keys()].map((e) => `${e} req/s`), ...[...results.keys()].map((e) => `${e} p99`)];
out(`| ${header.join(' | ')} |`);
out(`|${header.map(() => '---').join('|')}|`);
for (const name of names) {
  const cells = [...results.values()].map((rows) => rows.find((r) => r.name === name));
  out(`| ${name} | ${cells.map((c) => (c ? c.rps.toLocaleString('en-US') : '')).join(' | ')} | ${cells.map((c) => (c ? `${c.p99} ms` : '')).join(' | ')} |`);
}
