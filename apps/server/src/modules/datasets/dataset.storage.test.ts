import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../../testing/s3.ts';
import { BlobStore, type ContentStore } from './dataset.storage.ts';
import { S3BlobStore, s3Client } from './dataset.storage.s3.ts';

/** One contract, every store: the local directory and an S3-compatible bucket (s3rver, in-process). */
interface StoreTarget {
  name: string;
  open(): Promise<{ store: ContentStore; leftovers(): Promise<string[]>; corrupt(sha256: string, bytes: Buffer): Promise<void>; close(): Promise<void> }>;
}

const targets: StoreTarget[] = [
  {
    name: 'local directory',
    open: () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'qiao-store-'));
      const store = new BlobStore(root);
      return Promise.resolve({
        store,
        leftovers: () => Promise.resolve(readdirSync(path.join(root, 'tmp'))),
        corrupt: (sha256: string, bytes: Buffer) => Promise.resolve(writeFileSync(store.pathOf(sha256), bytes)),
        close: () => Promise.resolve(rmSync(root, { recursive: true, force: true })),
      });
    },
  },
  {
    name: 'S3 bucket',
    open: async () => {
      const s3: TestS3 = await startTestS3();
      const store = new S3BlobStore(s3.config);
      const client = s3Client(s3.config);
      return {
        store,
        leftovers: async () => {
          const tmp = await client.send(new ListObjectsV2Command({ Bucket: s3.config.bucket, Prefix: 'tmp/' }));
          return [...(tmp.Contents ?? []).map((o) => o.Key ?? ''), ...s3.openUploads().map((u) => `upload ${u}`)];
        },
        corrupt: async (sha256, bytes) => {
          await client.send(new PutObjectCommand({ Bucket: s3.config.bucket, Key: store.keyOf(sha256), Body: bytes }));
        },
        close: async () => {
          client.destroy();
          await s3.close();
        },
      };
    },
  },
];

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const collect = async (r: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
};
/** A body that sends `chunks` chunks of `size` bytes and then fails like a reset connection. */
const broken = (chunks: number, size: number) => {
  let sent = 0;
  return new Readable({
    read() {
      if (sent++ < chunks) this.push(Buffer.alloc(size, sent));
      else this.destroy(new Error('connection reset'));
    },
  });
};

for (const target of targets) {
  describe(`content-addressed store: ${target.name}`, () => {
    let h: Awaited<ReturnType<StoreTarget['open']>>;
    beforeAll(async () => {
      h = await target.open();
    });
    afterAll(async () => {
      await h.close();
    });

    it('stores a streamed file under its SHA-256 only once committed, and reads it back whole and in ranges', async () => {
      const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
      const staged = await h.store.stage(Readable.from([bytes.subarray(0, 30_000), bytes.subarray(30_000)]), 1_000_000);
      expect(staged).toMatchObject({ sha256: sha(bytes), size: bytes.length });
      expect(await h.store.exists(staged.sha256)).toBe(false);
      await staged.commit();
      await staged.discard();
      expect(await h.store.exists(staged.sha256)).toBe(true);
      expect(await h.leftovers()).toEqual([]);
      expect((await collect(h.store.read(staged.sha256))).equals(bytes)).toBe(true);
      expect(await collect(h.store.read(staged.sha256, { start: 5, end: 9 }))).toEqual(bytes.subarray(5, 10));
      expect(await collect(h.store.read(staged.sha256, { start: 69_990, end: 69_999 }))).toEqual(bytes.subarray(69_990));
    });

    it('streams a multipart-sized upload without holding it whole, and the same bytes twice make one blob', async () => {
      // 20 MiB in 64 KiB chunks: three parts in S3's multipart upload.
      const chunk = Buffer.alloc(64 * 1024, 7);
      const body = () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < 320; i++) yield chunk;
          })(),
        );
      const first = await h.store.stage(body(), 50 * 1024 ** 2);
      await first.commit();
      await first.discard();
      const second = await h.store.stage(body(), 50 * 1024 ** 2);
      expect(second.sha256).toBe(first.sha256);
      await second.commit();
      await second.discard();
      expect(second.size).toBe(20 * 1024 ** 2);
      const back = await collect(h.store.read(first.sha256, { start: 20 * 1024 ** 2 - 3, end: 20 * 1024 ** 2 - 1 }));
      expect(back).toEqual(Buffer.alloc(3, 7));
      expect(await h.leftovers()).toEqual([]);
    });

    it('refuses a file past the limit and leaves nothing behind', async () => {
      const failure = await h.store.stage(Readable.from([Buffer.alloc(600, 1), Buffer.alloc(600, 1)]), 1000).catch((e: unknown) => e);
      expect(failure).toMatchObject({ id: 'payload_too_large' });
      expect(await h.leftovers()).toEqual([]);
      expect(await h.store.exists(sha(Buffer.alloc(1200, 1)))).toBe(false);
    });

    it('aborts an upload cut off mid-body, small or multipart, and leaves no object and no parts', async () => {
      await expect(h.store.stage(broken(3, 1000), 50 * 1024 ** 2)).rejects.toThrow('connection reset');
      // Past the first 8 MiB part, so a multipart upload is open when the connection drops.
      await expect(h.store.stage(broken(20, 1024 ** 2), 50 * 1024 ** 2)).rejects.toThrow('connection reset');
      expect(await h.leftovers()).toEqual([]);
    });

    it('a staged file that is discarded instead of committed never appears', async () => {
      const bytes = Buffer.from('discarded draft\n');
      const staged = await h.store.stage(Readable.from([bytes]), 1000);
      await staged.discard();
      await staged.discard();
      expect(await h.store.exists(sha(bytes))).toBe(false);
      expect(await h.leftovers()).toEqual([]);
    });

    it('a whole-file read of bytes that no longer match their address fails instead of serving them', async () => {
      const bytes = Buffer.from('original bytes\n');
      const staged = await h.store.stage(Readable.from([bytes]), 1000);
      await staged.commit();
      await staged.discard();
      await h.corrupt(staged.sha256, Buffer.from('tampered bytes\n'));
      await expect(collect(h.store.read(staged.sha256))).rejects.toThrow(/corrupted/);
    });

    it('reading a blob that is not there fails the stream', async () => {
      await expect(collect(h.store.read('0'.repeat(64)))).rejects.toThrow();
    });
  });
}
