import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertNotAborted, uploadMeter, verifyingSha256, type ContentStore, type StagedBlob } from './dataset.storage.ts';

/** The QIAO_S3_* settings. */
export interface S3StoreConfig {
  /** Unset: AWS's own endpoint for the region. */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** Both unset: the AWS SDK's default credential chain (environment, instance role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** Path-style addresses (`endpoint/bucket/key`), which MinIO and most self-hosted servers need. */
  forcePathStyle: boolean;
}

/** S3 copies a single object of up to 5 GiB in one request; larger ones are copied in parts. */
const SINGLE_COPY_MAX = 5 * 1024 ** 3;
const COPY_PART_BYTES = 512 * 1024 ** 2;
/** Temp objects and multipart uploads older than this are leftovers of a crash and are removed at start. */
const STALE_MS = 24 * 3600 * 1000;

export function s3Client(cfg: S3StoreConfig): S3Client {
  return new S3Client({
    region: cfg.region,
    forcePathStyle: cfg.forcePathStyle,
    ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
    ...(cfg.accessKeyId && cfg.secretAccessKey ? { credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } } : {}),
    // We hash every byte ourselves (SHA-256, the file's address); the SDK's extra CRC trailers are not
    // understood by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Content-addressed store in an S3-compatible bucket, shared by every app node. An upload streams to a
 * temp key (multipart, a few parts in memory at a time) while its SHA-256 is computed; `commit` copies
 * it to `blobs/<aa>/<sha256>` and the temp object is deleted. A refused or interrupted upload aborts
 * its multipart upload and leaves no object behind.
 */
export class S3BlobStore implements ContentStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(cfg: S3StoreConfig, client: S3Client = s3Client(cfg)) {
    this.client = client;
    this.bucket = cfg.bucket;
  }

  keyOf(sha256: string): string {
    return `blobs/${sha256.slice(0, 2)}/${sha256}`;
  }

  async stage(body: Readable, maxBytes: number): Promise<StagedBlob> {
    const tmpKey = `tmp/${randomUUID()}`;
    const { meter, result } = uploadMeter(maxBytes);
    const out = new PassThrough();
    // Parts of 8 MiB or more, so the largest allowed file fits in S3's 10,000 parts.
    const partSize = Math.max(8 * 1024 ** 2, Math.ceil(maxBytes / 9_000));
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: tmpKey, Body: out }, partSize, queueSize: 2, leavePartsOnError: false });
    const feeding = pipeline(Readable.from(body.iterator({ destroyOnReturn: false })), meter, out);
    const [fed, uploaded] = await Promise.allSettled([feeding, upload.done()]);
    const failure: unknown = fed.status === 'rejected' ? fed.reason : uploaded.status === 'rejected' ? uploaded.reason : null;
    const discard = async () => {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
    };
    try {
      if (failure !== null) throw failure instanceof Error ? failure : new Error('the upload failed');
      assertNotAborted(body);
    } catch (err) {
      await this.abortUploadsOf(tmpKey);
      await discard();
      throw err;
    }
    const { sha256, size } = result();
    return {
      sha256,
      size,
      commit: async () => {
        if (!(await this.exists(sha256))) await this.copy(tmpKey, this.keyOf(sha256), size);
      },
      discard,
    };
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    const out = range ? new PassThrough() : verifyingSha256(sha256);
    const get = new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) });
    this.client
      .send(get)
      .then((res) => pipeline(res.Body as Readable, out))
      .catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return out;
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Removes what crashed nodes left: temp objects and unfinished multipart uploads older than a day
   * (a younger one may be another node's upload in progress). Servers without ListMultipartUploads
   * skip that half; a bucket lifecycle rule that aborts incomplete uploads does the same job.
   */
  async sweep(now: Date = new Date()): Promise<{ objects: number; uploads: number }> {
    const before = now.getTime() - STALE_MS;
    let objects = 0;
    let uploads = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'tmp/', ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key && o.LastModified && o.LastModified.getTime() < before) {
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: o.Key }));
          objects++;
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    try {
      const list = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: 'tmp/' }));
      for (const u of list.Uploads ?? []) {
        if (u.Key && u.UploadId && u.Initiated && u.Initiated.getTime() < before) {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
          uploads++;
        }
      }
    } catch (err) {
      if (!isNotImplemented(err)) throw err;
    }
    return { objects, uploads };
  }

  /** Aborts any multipart upload still open for `key` (lib-storage aborts its own; this catches the rest). */
  private async abortUploadsOf(key: string): Promise<void> {
    try {
      const list = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: key }));
      for (const u of list.Uploads ?? []) {
        if (u.Key === key && u.UploadId) await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: u.UploadId }));
      }
    } catch {
      // Listing is optional in S3-compatible servers; lib-storage has already aborted what it started.
    }
  }

  private async copy(from: string, to: string, size: number): Promise<void> {
    const source = `${this.bucket}/${from}`;
    if (size <= SINGLE_COPY_MAX) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: to, CopySource: source }));
      return;
    }
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: to }));
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let start = 0, n = 1; start < size; start += COPY_PART_BYTES, n++) {
        const end = Math.min(size, start + COPY_PART_BYTES) - 1;
        const res = await this.client.send(new UploadPartCopyCommand({ Bucket: this.bucket, Key: to, UploadId, PartNumber: n, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }));
        parts.push({ ETag: res.CopyPartResult?.ETag ?? '', PartNumber: n });
      }
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (err) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: to, UploadId })).catch(() => undefined);
      throw err;
    }
  }
}

function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
}

function isNotFound(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return errorName(err) === 'NotFound' || errorName(err) === 'NoSuchKey' || status === 404;
}

function isNotImplemented(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return errorName(err) === 'NotImplemented' || status === 501 || status === 405;
}
