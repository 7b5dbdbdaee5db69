/** The kinds of listed party the engine distinguishes; anything else in a source maps to `unknown`. */
export type EntityType = 'organization' | 'person' | 'vessel' | 'aircraft' | 'unknown';

/** One list entry as read from a source file, before normalisation. */
export interface ListRecord {
  /** Which list the record comes from, e.g. `us-csl`, `us-ofac-sdn`, `cn-sanctions`. */
  readonly listId: string;
  /** The record's own id in its source file: CSL `_id`, FollowTheMoney `id`, OFAC `ent_num`. */
  readonly recordId: string;
  readonly type: EntityType;
  /** The record's primary name. */
  readonly name: string;
  /** Other names of the same record (a.k.a., f.k.a., names in other scripts). */
  readonly aliases: readonly string[];
  /** Programmes or sub-lists the record is listed under (CSL source, OFAC programme, FtM program). */
  readonly programs: readonly string[];
  /** ISO country codes (lower case) where the source gives them. */
  readonly countries: readonly string[];
  /** The file the record was read from, as passed to the reader. */
  readonly sourceFile: string;
}

/** A file handed to the readers: its path (used for pairing and list ids) and raw contents. */
export interface ListFile {
  /** Relative or absolute path with `/` separators; only the name and folder are used. */
  readonly path: string;
  readonly contents: string | Uint8Array;
}

/** What loadListFiles accepts: a ListFile, or `{ fileName, contents }` as an upload handler holds it. */
export type ListFileInput = ListFile | { readonly fileName: string; readonly contents: string | Uint8Array };

/** Raised for any file that cannot be read completely; no partial load ever follows it. */
export class ListFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'ListFormatError';
  }
}
