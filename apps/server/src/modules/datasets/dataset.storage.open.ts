import type { Config } from '../../config.ts';
import type { ServiceDeps } from '../../services.ts';
import { BlobStore, type ContentStore } from './dataset.storage.ts';
import { S3BlobStore } from './dataset.storage.s3.ts';

/**
 * The dataset file store the configuration names: the local files directory or an S3 bucket. A bucket
 * is swept in the background for uploads a crashed node left (the local store sweeps as it opens).
 */
export function openContentStore(storage: Config['storage'], log?: ServiceDeps['log']): ContentStore {
  if (storage.kind === 'local') return new BlobStore(storage.dir);
  const store = new S3BlobStore(storage.s3);
  if (log) {
    store.sweep().then(
      (swept) => {
        if (swept.objects + swept.uploads > 0) log.info(`removed ${swept.objects} temp object(s) and ${swept.uploads} unfinished upload(s) left in the bucket by stopped nodes`);
      },
      (err: unknown) => log.warn(`could not sweep the dataset bucket for leftover uploads: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  return store;
}
