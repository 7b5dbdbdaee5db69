import { loadDirectory } from '../../api/directory-data.ts';

/** Query keys: `['directory', …]`; creating or correcting a party invalidates `directoryKeys.all`. */
export const directoryKeys = {
  all: ['directory'] as const,
  parties: () => [...directoryKeys.all, 'parties'] as const,
};

export const directoryQuery = { queryKey: directoryKeys.parties(), queryFn: loadDirectory };
