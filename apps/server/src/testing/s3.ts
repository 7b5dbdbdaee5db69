import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { s3Client, type S3StoreConfig } from '../modules/datasets/dataset.storage.s3.ts';

export interface TestS3 {
  config: S3StoreConfig;
  /** The QIAO_S3_* variables that point a server at this bucket. */
  env: Record<string, string>;
  /** Multipart uploads the server still holds parts of (none after a clean abort). */
  openUploads(): string[];
  close(): Promise<void>;
}

interface KoaLikeContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  body: unknown;
}

/**
 * A real S3-compatible server (s3rver, files in a temp directory) on a free port with one empty bucket.
 * s3rver 3.7 answers AbortMultipartUpload with 405; S3 removes the upload's parts, and so does the
 * handler added here, so that the store's abort path is exercised end to end.
 */
export async function startTestS3(bucket = 'qiao-test'): Promise<TestS3> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, allowMismatchedSignatures: true });
  const uploadsDir = path.join(dir, bucket, '._S3rver_uploads');
  const stack = (server as unknown as { middleware: ((ctx: KoaLikeContext, next: () => Promise<void>) => Promise<void>)[] }).middleware;
  stack.unshift(async (ctx, next) => {
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && typeof uploadId === 'string' && ctx.path.startsWith(`/${bucket}/`)) {
      rmSync(path.join(uploadsDir, path.basename(uploadId)), { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = '';
      return;
    }
    await next();
  });
  const { port } = (await server.run()) as { port: number };
  const config: S3StoreConfig = { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true };
  const client = s3Client(config);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    config,
    env: {
      QIAO_S3_ENDPOINT: config.endpoint ?? '',
      QIAO_S3_BUCKET: bucket,
      QIAO_S3_REGION: config.region,
      QIAO_S3_ACCESS_KEY_ID: 'S3RVER',
      QIAO_S3_SECRET_ACCESS_KEY: 'S3RVER',
      QIAO_S3_FORCE_PATH_STYLE: 'true',
    },
    openUploads: () => {
      try {
        return readdirSync(uploadsDir);
      } catch {
        return [];
      }
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
