/**
 * What the platform knows about the lists it expects, for files imported without a descriptor and for
 * `qiao lists update`. Data, not code: each row names its publisher; the download URLs come from config.
 */
export interface KnownList {
  listId: string;
  side: string;
  authority: string;
  title: string;
}

export const KNOWN_LISTS: readonly KnownList[] = [
  { listId: 'us-csl', side: 'US', authority: 'US Departments of Commerce, State and the Treasury', title: 'US Consolidated Screening List' },
  { listId: 'us-ofac-sdn', side: 'US', authority: 'US Department of the Treasury', title: 'OFAC Specially Designated Nationals (SDN) list' },
  { listId: 'us-ofac-cons', side: 'US', authority: 'US Department of the Treasury', title: 'OFAC Consolidated (non-SDN) list' },
  { listId: 'cn-sanctions', side: 'CN', authority: 'PRC Ministry of Commerce; Ministry of Foreign Affairs', title: 'China: Unreliable Entity List, Export Control Control List, countermeasure and Anti-Foreign Sanctions Law lists' },
  { listId: 'us-dod-1260h', side: 'US', authority: 'US Department of Defense', title: 'US DoD Section 1260H list of Chinese military companies' },
  { listId: 'us-ndaa', side: 'US', authority: 'US Congress / Department of Defense', title: 'US NDAA lists: Section 1286 institutions of concern, Sections 889, 5949, 154' },
  { listId: 'us-uflpa', side: 'US', authority: 'US Department of Homeland Security', title: 'US UFLPA Entity List' },
  { listId: 'aspi-unitracker', side: 'reference', authority: 'Australian Strategic Policy Institute', title: 'ASPI China Defence Universities Tracker' },
];

/** Metadata for a list id: the catalogue's row, else a side guessed from the id's `us-`/`cn-` prefix. */
export function knownList(listId: string, side?: string): KnownList {
  const known = KNOWN_LISTS.find((l) => l.listId === listId);
  const guessed = /^([a-z]{2})-/.exec(listId)?.[1]?.toUpperCase();
  return {
    listId,
    side: side ?? known?.side ?? (guessed === 'US' || guessed === 'CN' ? guessed : 'unknown'),
    authority: known?.authority ?? 'unknown',
    title: known?.title ?? listId,
  };
}
