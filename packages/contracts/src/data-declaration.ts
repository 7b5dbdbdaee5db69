/**
 * The personal-data categories and the kinds of regulated data a dataset or a project's data plan
 * declares for the transfer review. The policy package's rules and the web forms both use these ids.
 * The first eight categories are the US Data Security Program's (28 CFR 202.249, plus biospecimens
 * from §202.303); the last two are China's PIPL classes (PIPL Art. 28 for "sensitive").
 */
export const DATA_CATEGORIES = [
  'human-genomic',
  'human-omic-other',
  'human-biospecimens',
  'biometric-identifiers',
  'precise-geolocation',
  'personal-health',
  'personal-financial',
  'covered-personal-identifiers',
  'personal-information',
  'sensitive-personal-information',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Kinds of data that rules catch regardless of how many people they concern. */
export const DATA_KINDS = [
  // US §202.222: precise geolocation inside an area on the Government-Related Location Data List.
  'government-related-location',
  // US §202.222: sensitive personal data marketed as linked to US Government personnel.
  'government-related-personnel',
  // China: data notified or published as important by a department or region (not self-assessed).
  'important-data',
  'hgr-materials',
  'hgr-information',
  'surveying-mapping',
  'meteorological',
  'seismic',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];
