import type { Organization, Person, Side } from '@qiao/contracts';
import { directoryApi } from './directory.ts';

export interface DirectoryData {
  sides: Side[];
  organizations: Organization[];
  people: Person[];
}

/** Sides, organisations and people in one round trip's worth of parallel requests. */
export async function loadDirectory(): Promise<DirectoryData> {
  const [sides, organizations, people] = await Promise.all([
    directoryApi.sides(),
    directoryApi.organizations(),
    directoryApi.people(),
  ]);
  return { sides, organizations, people };
}
