// Batch screening benchmark: 10,000 names through the real job path (CSV check, rows stored, job claimed,
// screened in chunks, results written) against every real list in ../shared/data/lists.
// Run: npx tsx apps/server/src/modules/screening/batch.bench.ts [--rows 10000] [--postgres URL]
// Not a test: timings depend on the machine; the figure goes in the report.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { User } from '@qiao/contracts';
import { buildServices } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import { JobWorker } from '../jobs/job.worker.ts';
import { screeningListRecords } from './list.schema.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, postgres: { type: 'string' } } });
const rows = Number(values.rows);
const listsDir = path.resolve(import.meta.dirname, '../../../../../../shared/data/lists');
const out = (line: string) => process.stdout.write(`${line}\n`);
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

const database = await openDatabase(values.postgres ? { kind: 'postgres', url: values.postgres } : { kind: 'pglite', dataDir: null });
await database.migrate();
const config = loadConfig({ QIAO_LOG_LEVEL: 'silent', QIAO_BATCH_MAX_ROWS: String(rows), QIAO_BATCH_MAX_BYTES: String(64 * 1024 * 1024) });
const quiet = { info: () => {}, warn: () => {} };
const services = buildServices(config, database, { now: () => new Date(), log: quiet });

let t = performance.now();
const files = walk(listsDir).map((p) => ({ path: path.relative(listsDir, p), contents: readFileSync(p) }));
const imported = await services.screening.lists.importFiles(null, files);
const records = imported.items.reduce((n, i) => n + i.version.recordCount, 0);
out(`imported ${imported.items.length} lists, ${records} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
// Re-screening after the import runs first, as it would on a server, so it is not timed with the batch.
const worker = new JobWorker({ db: database.db, now: () => new Date(), log: quiet }, services.jobs, { leaseMs: 60_000, pollMs: 50 });
await worker.drain();
t = performance.now();
const snapshot = await services.screening.index.current();
out(`index: ${snapshot.matcher.size} names built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// Queries: list names (some with a typo, some in other word order) and names that are on no list.
const sample = (await services.screening.search.search({ name: 'Huawei', threshold: 0 })).lists.length;
const names: string[] = [];
const listNames = (await database.db.select({ name: screeningListRecords.name }).from(screeningListRecords).limit(20_000)).map((r) => r.name);
const fillers = ['Shenzhen Bright Future Trading Co., Ltd.', '北京星光科技有限公司', 'Maria Gonzalez', 'Nordic Fisheries AS', 'Tsinghua University', 'Guangzhou Ocean Shipping', 'John Smith', '上海交通大学'];
for (let i = 0; names.length < rows; i++) {
  const base = i % 2 === 0 ? (listNames[(i * 7919) % Math.max(1, listNames.length)] ?? 'Acme') : `${fillers[i % fillers.length] ?? ''} ${i}`;
  names.push(i % 5 === 0 ? base.replace(/a/, 'e') : base);
}
const csv = ['name', ...names.map((n) => `"${n.replace(/"/g, '""')}"`)].join('\n') + '\n';
{
  const t0 = performance.now();
  for (const n of names) snapshot.matcher.match({ name: n }, { limit: 5 });
  out(`matching alone: ${((performance.now() - t0) / 1000).toFixed(1)} s for ${names.length} names`);
}
const user: User = { id: randomUUID(), email: 'bench@example.test', displayName: 'Bench', side: 'US', roles: [], locale: 'en', mustChangePassword: false };

t = performance.now();
const job = await services.screening.batch.create(user, csv);
const accepted = performance.now() - t;
await worker.drain();
const total = performance.now() - t;
const done = await services.screening.batch.get({ ...user, roles: [{ role: 'admin', side: 'US' }] }, job.id);
out(`${done.done}/${done.total} names screened (${done.matchedRows} with a match) against ${sample} lists on ${database.kind}`);
out(`upload checked and stored in ${(accepted / 1000).toFixed(1)} s; job finished ${(total / 1000).toFixed(1)} s after upload (${((done.done / total) * 1000).toFixed(0)} names/s)`);
await database.close();
