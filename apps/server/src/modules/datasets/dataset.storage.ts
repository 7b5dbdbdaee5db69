import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** A blob written to a temp file and hashed, not yet visible under its address. */
export interface StagedBlob extends StoredBlob {
  /** Moves the blob into place; call it inside the transaction that records it. */
  commit(): Promise<void>;
  /** Removes the temp file if it is still there; safe to call after commit or twice. */
  discard(): Promise<void>;
}

/** Where dataset files live, addressed by their SHA-256: a local directory or an S3-compatible bucket. */
export interface ContentStore {
  readonly kind: 'local' | 's3';
  /** Streams `body` into the store's staging area, hashing it and refusing it past `maxBytes`. */
  stage(body: Readable, maxBytes: number): Promise<StagedBlob>;
  /**
   * Opens a blob, optionally a byte range of it (inclusive end, as HTTP ranges are). A whole-file read
   * is checked against its address as it streams: bytes that do not hash to it end the stream with an error.
   */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  exists(sha256: string): Promise<boolean>;
}

/** Passes bytes through and fails at the end if they do not hash to `sha256`. */
export function verifyingSha256(sha256: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest('hex');
      done(actual === sha256 ? null : new AppError(500, 'internal', `stored file ${sha256} is corrupted (its bytes hash to ${actual})`));
    },
  });
}

/** Counts and hashes the bytes of an upload, refusing them past `maxBytes`. */
export function uploadMeter(maxBytes: number): { meter: Transform; result: () => StoredBlob } {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new AppError(413, 'payload_too_large', `the file is larger than the limit of ${maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { meter, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/** A client that disconnects mid-body ends the stream early without an error on some paths. */
export function assertNotAborted(body: Readable): void {
  if ((body as Readable & { aborted?: boolean }).aborted) throw new AppError(400, 'validation_failed', 'the upload was interrupted');
}

/**
 * Content-addressed file store in a local directory. A blob is written to a temp file while its
 * SHA-256 is computed, then renamed into place: a reader never sees a half-written blob, and an
 * interrupted or refused upload leaves nothing behind.
 */
export class BlobStore implements ContentStore {
  readonly kind = 'local';
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    // The files directory belongs to one server process, as its data directory does: a temp file
    // found when the store opens is an upload that a crash or a kill cut off, and nobody will finish it.
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Where the bytes of an upload go while they arrive; a test can stand in a failing disk. */
  protected openTemp(file: string): Writable {
    return createWriteStream(file, { flags: 'wx' });
  }

  /**
   * Streams `body` to a temp file, refusing it past `maxBytes`. Disk errors (ENOSPC, EDQUOT) propagate
   * with their code. The request stream is read but never destroyed here, so the caller can still
   * answer on the same connection.
   */
  async stage(body: Readable, maxBytes: number): Promise<StagedBlob> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, randomUUID());
    const { meter, result } = uploadMeter(maxBytes);
    const discard = () => rm(tmp, { force: true });
    try {
      await pipeline(Readable.from(body.iterator({ destroyOnReturn: false })), meter, this.openTemp(tmp));
      assertNotAborted(body);
    } catch (err) {
      await discard();
      throw err;
    }
    const { sha256, size } = result();
    const final = this.pathOf(sha256);
    return {
      sha256,
      size,
      commit: async () => {
        await mkdir(path.dirname(final), { recursive: true });
        await rename(tmp, final);
      },
      discard,
    };
  }

  read(sha256: string, range?: { start: number; end: number }): Readable {
    if (range) return createReadStream(this.pathOf(sha256), { start: range.start, end: range.end });
    const out = verifyingSha256(sha256);
    pipeline(createReadStream(this.pathOf(sha256)), out).catch(() => {
      // pipeline has already destroyed `out` with the error; the reader sees it there.
    });
    return out;
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}
