import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * The container of a `qiao db backup`: a plain POSIX tar file (ustar), written and read a member at a
 * time so that no member is ever held in memory. Members are named and sized in their headers, each
 * header carries its checksum, and the archive ends with two zero blocks: an archive cut short is told
 * from a whole one. Any tar tool can list or unpack it.
 */

const BLOCK = 512;

/** Thrown by the reader when the archive is not a tar file or is cut short; `truncated` tells which. */
export class ArchiveFormatError extends Error {
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
    this.name = 'ArchiveFormatError';
  }
}

function writeOctal(buf: Buffer, offset: number, width: number, value: number): void {
  buf.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii');
}

/** Sizes of 8 GiB and more do not fit 11 octal digits: they use the base-256 form GNU tar and others read. */
function writeSize(buf: Buffer, value: number): void {
  if (value < 8 ** 11) return writeOctal(buf, 124, 12, value);
  buf[124] = 0x80;
  let v = BigInt(value);
  for (let i = 135; i > 124; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function readSize(buf: Buffer): number {
  if ((buf[124] ?? 0) & 0x80) {
    let v = 0n;
    for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(buf[i] ?? 0);
    return Number(v);
  }
  const text = buf.toString('ascii', 124, 136).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(text)) throw new ArchiveFormatError('a member header has no readable size');
  return parseInt(text, 8);
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum;
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive member name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  writeOctal(h, 100, 8, 0o600);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeSize(h, size);
  writeOctal(h, 136, 12, Math.floor(mtime.getTime() / 1000));
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/** Writes members one after another into an open file; `finish` writes the end marker. */
export class ArchiveWriter {
  private position = 0;
  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string): Promise<ArchiveWriter> {
    return new ArchiveWriter(await open(file, 'wx', 0o600));
  }

  private async write(buf: Buffer): Promise<void> {
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, done, buf.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
  }

  /** Streams `body` in as a member of exactly `size` bytes; more or fewer bytes are an error. */
  async add(name: string, size: number, body: Readable | Buffer, mtime = new Date()): Promise<void> {
    await this.write(header(name, size, mtime));
    let written = 0;
    if (Buffer.isBuffer(body)) {
      await this.write(body);
      written = body.length;
    } else {
      for await (const chunk of body) {
        const buf = chunk as Buffer;
        written += buf.length;
        if (written > size) {
          body.destroy();
          throw new Error(`${name} is larger than the ${size} bytes expected`);
        }
        await this.write(buf);
      }
    }
    if (written !== size) throw new Error(`${name} has ${written} bytes, not the ${size} expected`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await this.write(Buffer.alloc(pad));
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    await this.handle.sync();
    await this.handle.close();
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

export interface ArchiveMember {
  name: string;
  size: number;
  /** Where the member's bytes start in the archive file. */
  offset: number;
}

/** True when the first block of `head` is a ustar header with a valid checksum. */
export function looksLikeArchive(head: Buffer): boolean {
  if (head.length < BLOCK) return false;
  if (head.toString('ascii', 257, 262) !== 'ustar') return false;
  const stored = parseInt(head.toString('ascii', 148, 156).replace(/[\0 ]+$/, '').trim(), 8);
  return stored === checksum(head.subarray(0, BLOCK));
}

/**
 * Lists the members of the archive in `file` from their headers, without reading their bytes. Throws
 * ArchiveFormatError for a bad header and, with `truncated` set, for an archive that ends before a
 * member's bytes or before its end marker.
 */
export async function listArchive(file: string): Promise<ArchiveMember[]> {
  const handle = await open(file, 'r');
  try {
    const { size: total } = await handle.stat();
    const members: ArchiveMember[] = [];
    const block = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(block, 0, BLOCK, position);
      if (bytesRead < BLOCK) throw new ArchiveFormatError(`it ends after ${total} bytes, before its end marker`, true);
      if (block.every((b) => b === 0)) return members;
      const stored = parseInt(block.toString('ascii', 148, 156).replace(/[\0 ]+$/, '').trim(), 8);
      if (stored !== checksum(block)) throw new ArchiveFormatError(`the member header at byte ${position} is damaged (checksum mismatch)`);
      const size = readSize(block);
      const type = block.toString('ascii', 156, 157);
      const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const offset = position + BLOCK;
      if (offset + size > total) throw new ArchiveFormatError(`it ends after ${total} bytes, inside ${name}`, true);
      if (type === '0' || type === '\0') members.push({ name, size, offset });
      position = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}

/** A stream of one member's bytes. */
export function readMember(file: string, member: ArchiveMember): Readable {
  if (member.size === 0) return Readable.from([]);
  return createReadStream(file, { start: member.offset, end: member.offset + member.size - 1 });
}
