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

/**
 * Content-addressed file store in a local directory. A blob is written to a temp file while its
 * SHA-256 is computed, then renamed into place: a reader never sees a half-written blob, and an
 * interrupted or refused upload leaves nothing behind.
 */
export class BlobStore {
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
    const discard = () => rm(tmp, { force: true });
    try {
      await pipeline(Readable.from(body.iterator({ destroyOnReturn: false })), meter, this.openTemp(tmp));
      // A client that disconnects mid-body ends the stream early without an error on some paths.
      if ((body as Readable & { aborted?: boolean }).aborted) throw new AppError(400, 'validation_failed', 'the upload was interrupted');
    } catch (err) {
      await discard();
      throw err;
    }
    const sha256 = hash.digest('hex');
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

  /** Opens a blob, optionally a byte range of it (inclusive end, as HTTP ranges are). */
  read(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}
