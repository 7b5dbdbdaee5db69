import type { CitationFormat, Dataset } from '@qiao/contracts';
import { create } from 'xmlbuilder2';

/** The platform as a dataset's publisher in every citation format. */
export const PUBLISHER = 'Qiao';

const KERNEL_NS = 'http://datacite.org/schema/kernel-4';
const KERNEL_XSD = 'https://schema.datacite.org/meta/kernel-4.6/metadata.xsd';
const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i;

interface Lang<T> {
  value: T;
  lang: 'en' | 'zh';
}

/**
 * A dataset's metadata in the shape of the DataCite REST API's JSON attributes (Metadata Schema 4.x).
 * The XML, BibTeX and RIS exports read this one mapping, so they never disagree. Qiao mints no DOIs: the
 * landing page is given as `url` and as an alternate identifier of type URL, and a DOI is added when the
 * dataset is registered with DataCite.
 */
export interface DataCiteJson {
  url: string;
  types: { resourceTypeGeneral: 'Dataset'; resourceType: string };
  creators: { name: string; affiliation: { name: string }[] }[];
  titles: { title: string; lang: string; titleType?: 'TranslatedTitle' }[];
  publisher: string;
  publicationYear: number;
  subjects: { subject: string }[];
  dates: { date: string; dateType: 'Created' | 'Coverage' | 'Available' }[];
  alternateIdentifiers: { alternateIdentifier: string; alternateIdentifierType: 'URL' }[];
  relatedIdentifiers: { relatedIdentifier: string; relatedIdentifierType: 'DOI' | 'URL'; relationType: 'IsReferencedBy' }[];
  version?: string;
  rightsList: { rights: string; rightsUri: string; rightsIdentifier: string; rightsIdentifierScheme: 'SPDX'; schemeUri: string }[];
  descriptions: { description: string; descriptionType: 'Abstract'; lang: string }[];
  geoLocations: { geoLocationPlace: string }[];
  schemaVersion: string;
}

const landingPage = (origin: string, ds: Dataset) => `${origin}/datasets/${ds.id}`;

function texts(t: { en: string | null; zh: string | null }): Lang<string>[] {
  return [t.en ? { value: t.en, lang: 'en' as const } : null, t.zh ? { value: t.zh, lang: 'zh' as const } : null].filter((x) => x !== null);
}

export function dataCite(ds: Dataset, origin: string): DataCiteJson {
  const url = landingPage(origin, ds);
  const coverage = ds.temporalStart || ds.temporalEnd ? `${ds.temporalStart ?? ''}/${ds.temporalEnd ?? ''}` : null;
  return {
    url,
    types: { resourceTypeGeneral: 'Dataset', resourceType: 'Dataset' },
    creators: ds.creators.map((c) => ({ name: c.name, affiliation: c.affiliation ? [{ name: c.affiliation }] : [] })),
    // The first language present is the title; the other is its translation.
    titles: texts(ds.title).map((t, i) => ({ title: t.value, lang: t.lang, ...(i > 0 ? { titleType: 'TranslatedTitle' as const } : {}) })),
    publisher: PUBLISHER,
    publicationYear: new Date(ds.createdAt).getUTCFullYear(),
    subjects: ds.subjects.map((subject) => ({ subject })),
    dates: [
      { date: ds.createdAt.slice(0, 10), dateType: 'Created' as const },
      ...(coverage ? [{ date: coverage, dateType: 'Coverage' as const }] : []),
      ...(ds.embargoUntil ? [{ date: ds.embargoUntil, dateType: 'Available' as const }] : []),
    ],
    alternateIdentifiers: [{ alternateIdentifier: url, alternateIdentifierType: 'URL' }],
    relatedIdentifiers: ds.relatedPublications.map((p) => {
      const doi = DOI.exec(p.identifier)?.[1];
      return { relatedIdentifier: doi ?? p.identifier, relatedIdentifierType: doi ? ('DOI' as const) : ('URL' as const), relationType: 'IsReferencedBy' as const };
    }),
    ...(ds.latestVersion > 0 ? { version: String(ds.latestVersion) } : {}),
    rightsList: [{ rights: ds.licence, rightsUri: `https://spdx.org/licenses/${ds.licence}.html`, rightsIdentifier: ds.licence, rightsIdentifierScheme: 'SPDX', schemeUri: 'https://spdx.org/licenses/' }],
    descriptions: texts(ds.description).map((d) => ({ description: d.value, descriptionType: 'Abstract' as const, lang: d.lang })),
    geoLocations: ds.spatial.map((geoLocationPlace) => ({ geoLocationPlace })),
    schemaVersion: KERNEL_NS,
  };
}

/** DataCite Metadata Schema 4.x XML; xmlbuilder2 escapes text and attribute values. */
export function dataCiteXml(dc: DataCiteJson): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(KERNEL_NS, 'resource', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': `${KERNEL_NS} ${KERNEL_XSD}`,
  });
  const creators = root.ele('creators');
  for (const c of dc.creators) {
    const creator = creators.ele('creator');
    creator.ele('creatorName').txt(c.name);
    for (const a of c.affiliation) creator.ele('affiliation').txt(a.name);
  }
  const titles = root.ele('titles');
  for (const t of dc.titles) titles.ele('title', { 'xml:lang': t.lang, ...(t.titleType ? { titleType: t.titleType } : {}) }).txt(t.title);
  root.ele('publisher').txt(dc.publisher);
  root.ele('publicationYear').txt(String(dc.publicationYear));
  root.ele('resourceType', { resourceTypeGeneral: dc.types.resourceTypeGeneral }).txt(dc.types.resourceType);
  if (dc.subjects.length) {
    const subjects = root.ele('subjects');
    for (const s of dc.subjects) subjects.ele('subject').txt(s.subject);
  }
  const dates = root.ele('dates');
  for (const d of dc.dates) dates.ele('date', { dateType: d.dateType }).txt(d.date);
  const alternates = root.ele('alternateIdentifiers');
  for (const a of dc.alternateIdentifiers) alternates.ele('alternateIdentifier', { alternateIdentifierType: a.alternateIdentifierType }).txt(a.alternateIdentifier);
  if (dc.relatedIdentifiers.length) {
    const related = root.ele('relatedIdentifiers');
    for (const r of dc.relatedIdentifiers) related.ele('relatedIdentifier', { relatedIdentifierType: r.relatedIdentifierType, relationType: r.relationType }).txt(r.relatedIdentifier);
  }
  if (dc.version) root.ele('version').txt(dc.version);
  const rights = root.ele('rightsList');
  for (const r of dc.rightsList) rights.ele('rights', { rightsURI: r.rightsUri, rightsIdentifier: r.rightsIdentifier, rightsIdentifierScheme: r.rightsIdentifierScheme, schemeURI: r.schemeUri }).txt(r.rights);
  if (dc.descriptions.length) {
    const descriptions = root.ele('descriptions');
    for (const d of dc.descriptions) descriptions.ele('description', { 'xml:lang': d.lang, descriptionType: d.descriptionType }).txt(d.description);
  }
  if (dc.geoLocations.length) {
    const geo = root.ele('geoLocations');
    for (const g of dc.geoLocations) geo.ele('geoLocation').ele('geoLocationPlace').txt(g.geoLocationPlace);
  }
  return root.end({ prettyPrint: true });
}

// Characters BibTeX and LaTeX treat as syntax; a brace left unescaped unbalances the whole entry.
const BIBTEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '$': '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

export function bibtexEscape(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\\{}$&%#_^~]/g, (c) => BIBTEX_ESCAPES[c] ?? c);
}

/** An author list: each name braced, so an organisation or a name with "and" stays one author. */
const bibtexAuthors = (dc: DataCiteJson) => dc.creators.map((c) => `{${bibtexEscape(c.name)}}`).join(' and ');

// In a URL field only braces and backslashes would break the entry; they are percent-encoded instead.
const bibtexUrl = (url: string) => url.replace(/[{}\\\s]/g, (c) => encodeURIComponent(c));

/** A `@misc` entry (plain BibTeX has no dataset type; biblatex reads `@misc` too), UTF-8, Chinese kept as is. */
export function bibtex(dc: DataCiteJson, id: string): string {
  const [title, translated] = dc.titles;
  const url = bibtexUrl(dc.url);
  // Each value is written inside one pair of braces; the title's own extra pair keeps its capitalisation.
  const fields: [string, string | undefined][] = [
    ['author', bibtexAuthors(dc)],
    ['title', `{${bibtexEscape(title?.title ?? '')}}`],
    ['titleaddon', translated && `{${bibtexEscape(translated.title)}}`],
    ['year', String(dc.publicationYear)],
    ['publisher', bibtexEscape(dc.publisher)],
    ['version', dc.version],
    ['howpublished', `\\url{${url}}`],
    ['url', url],
    ['note', `Dataset. Licence: ${bibtexEscape(dc.rightsList[0]?.rights ?? '')}`],
    ['keywords', dc.subjects.length ? dc.subjects.map((s) => bibtexEscape(s.subject)).join(', ') : undefined],
  ];
  const key = `qiao_${id.replace(/-/g, '').slice(0, 12)}_${dc.publicationYear}`;
  const body = fields.flatMap(([k, v]) => (v === undefined ? [] : [`  ${k} = {${v}}`])).join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** RIS field values are one line each; a line break inside a value would start a garbled tag. */
const risValue = (value: string) => value.replace(/\s+/g, ' ').trim();

/** RIS (TY DATA), lines ending in CRLF as the format's readers expect. */
export function ris(dc: DataCiteJson): string {
  const [title, translated] = dc.titles;
  const abstract = dc.descriptions[0];
  const lines: [string, string][] = [
    ['TY', 'DATA'],
    ...dc.creators.map((c): [string, string] => ['AU', c.name]),
    ['TI', title?.title ?? ''],
    ...(translated ? [['TT', translated.title] as [string, string]] : []),
    ['PY', String(dc.publicationYear)],
    ['DA', dc.dates[0]?.date.replace(/-/g, '/') ?? ''],
    ['PB', dc.publisher],
    ...(dc.version ? [['ET', dc.version] as [string, string]] : []),
    ...dc.subjects.map((s): [string, string] => ['KW', s.subject]),
    ...(abstract ? [['AB', abstract.description] as [string, string]] : []),
    ['UR', dc.url],
    ...dc.relatedIdentifiers.filter((r) => r.relatedIdentifierType === 'DOI').map((r): [string, string] => ['N1', `Referenced by doi:${r.relatedIdentifier}`]),
    ['N1', `Licence: ${dc.rightsList[0]?.rights ?? ''}`],
    ['ER', ''],
  ];
  return lines.map(([tag, value]) => `${tag}  - ${risValue(value)}`).join('\r\n') + '\r\n';
}

export function citation(ds: Dataset, format: CitationFormat, origin: string): string {
  const dc = dataCite(ds, origin);
  switch (format) {
    case 'datacite-json':
      return JSON.stringify(dc, null, 2);
    case 'datacite-xml':
      return dataCiteXml(dc);
    case 'bibtex':
      return bibtex(dc, ds.id);
    case 'ris':
      return ris(dc);
  }
}
