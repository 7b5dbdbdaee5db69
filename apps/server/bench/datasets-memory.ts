// Measures the server's memory while a large file is uploaded to and downloaded from a dataset,
// beside a naive buffered upload server. Run: npm run bench:datasets  (BENCH_MB=1024 by default)
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

const MB = Number(process.env.BENCH_MB ?? 1024);
const TOTAL = MB * 1024 * 1024;
const repo = path.resolve(import.meta.dirname, '../../..');

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function start(cmd: string, args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(cmd, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1] && /serving|listening/.test(out)) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** A deterministic stream of `TOTAL` bytes, generated chunk by chunk so the client holds little. */
function payload(): { stream: Readable; sha: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  const chunk = Buffer.alloc(1024 * 1024);
  const stream = new Readable({
    read() {
      if (sent >= TOTAL) return void this.push(null);
      chunk.fill(sent % 251);
      const part = chunk.subarray(0, Math.min(chunk.length, TOTAL - sent));
      sent += part.length;
      hash.update(part);
      this.push(Buffer.from(part));
    },
  });
  return { stream, sha: () => hash.digest('hex') };
}

async function measure<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; baseline: number; peak: number; seconds: number }> {
  const baseline = rssMb(pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, baseline, peak, seconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

function request(url: string, method: string, headers: Record<string, string>, body?: Readable | string): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

function download(url: string, headers: Record<string, string>): Promise<{ bytes: number; sha: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          hash.update(c);
        });
        res.on('end', () => resolve({ bytes, sha: hash.digest('hex') }));
      })
      .on('error', reject);
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-bench-'));
const qiao = await start('node', ['apps/cli/bin/qiao.js', 'serve'], { QIAO_DATA_DIR: dir, PORT: '0', QIAO_LOG_LEVEL: 'warn' });
const naive = await start('node', ['--import', 'tsx', 'apps/server/bench/naive-upload-server.ts'], { NAIVE_OUT: path.join(dir, 'naive.bin') });
try {
  const signIn = await request(`${qiao.url}/api/auth/sign-in`, 'POST', { 'content-type': 'application/json' }, JSON.stringify({ email: 'us.steward@demo.qiao.example', password: 'qiao-demo-password' }));
  const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const csrf = (JSON.parse(signIn.text) as { csrfToken: string }).csrfToken;
  const auth = { cookie, 'x-csrf-token': csrf };
  const created = await request(
    `${qiao.url}/api/datasets`,
    'POST',
    { ...auth, 'content-type': 'application/json' },
    JSON.stringify({ title: { en: 'Benchmark file' }, description: { en: 'Large file' }, creators: [{ name: 'Bench', side: 'US' }], licence: 'CC0-1.0', accessLevel: 'open', side: 'US' }),
  );
  const id = (JSON.parse(created.text) as { id: string }).id;

  const ours = payload();
  const up = await measure(qiao.child.pid ?? 0, () =>
    request(`${qiao.url}/api/datasets/${id}/versions/1/files/big.bin`, 'PUT', { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) }, ours.stream),
  );
  const file = (JSON.parse(up.result.text) as { items: { files: { id: string; sha256: string }[] }[] }).items[0]?.files[0];
  const expected = ours.sha();
  const down = await measure(qiao.child.pid ?? 0, () => download(`${qiao.url}/api/datasets/${id}/files/${file?.id ?? ''}`, auth));

  const theirs = payload();
  const naiveUp = await measure(naive.child.pid ?? 0, () => request(`${naive.url}/upload`, 'PUT', { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) }, theirs.stream));

  const rows = [
    ['', 'Qiao upload', 'Qiao download', 'naive buffered upload'],
    ['RSS growth (MB)', up.peak - up.baseline, down.peak - down.baseline, naiveUp.peak - naiveUp.baseline],
    ['throughput (MB/s)', MB / up.seconds, MB / down.seconds, MB / naiveUp.seconds],
  ];
  process.stdout.write(`Dataset file of ${MB} MB (status ${up.result.status}; SHA-256 recorded ${file?.sha256 === expected ? 'matches' : 'DIFFERS'}; download ${down.result.sha === expected && down.result.bytes === TOTAL ? 'intact' : 'CORRUPT'})\n`);
  for (const r of rows) process.stdout.write(r.map((c) => (typeof c === 'number' ? c.toFixed(1) : c).padStart(22)).join('') + '\n');
  process.stdout.write(`naive / Qiao upload memory growth: ${((naiveUp.peak - naiveUp.baseline) / Math.max(1, up.peak - up.baseline)).toFixed(1)}x\n`);
} finally {
  qiao.child.kill('SIGTERM');
  naive.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
