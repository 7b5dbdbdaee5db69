import type { Dataset } from '@qiao/contracts';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { bibtex, bibtexEscape, citation, dataCite, ris } from './dataset.citation.ts';

const NS = 'http://datacite.org/schema/kernel-4';
const at = '2026-03-01T10:00:00.000Z';
const text = (en: string | null, zh: string | null) => ({ en, zh, enEditedAt: en && at, zhEditedAt: zh && at, flag: 'ok' as const });

function dataset(over: Partial<Dataset> = {}): Dataset {
  return {
    id: '6f1c2d3e-4a5b-4c6d-8e7f-001122334455',
    title: text('PM2.5 & O₃ <hourly> {Beijing} 100% "raw"', '北京与洛杉矶空气质量（逐时）'),
    description: text('Hourly readings;\nline two.', '逐时读数。'),
    creators: [
      { name: 'Zhang, Haoran', affiliation: 'Institute of Atmospheric Physics & CAS', side: 'CN' },
      { name: 'Research and Development Corp_1', affiliation: '', side: 'US' },
    ],
    subjects: ['air quality', 'C#_data'],
    temporalStart: '2024-01-01',
    temporalEnd: '2024-12-31',
    spatial: ['Beijing', 'Los Angeles'],
    licence: 'CC-BY-4.0',
    relatedPublications: [
      { title: 'Paper', identifier: 'https://doi.org/10.1234/abc.5678' },
      { title: 'Report', identifier: 'https://example.org/report?a=1&b=2' },
    ],
    accessLevel: 'open',
    embargoUntil: null,
    side: 'CN',
    dataDeclaration: {},
    stewardId: null,
    isDemo: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
    latestVersion: 2,
    access: { canDownload: true, reason: '' },
    ...over,
  };
}

const origin = 'https://qiao.example.org';
const child = (el: Element, name: string) => Array.from(el.getElementsByTagNameNS(NS, name));

describe('dataset citations', () => {
  it('maps the metadata onto DataCite 4.x properties once, for every format', () => {
    const dc = dataCite(dataset(), origin);
    expect(dc.types).toEqual({ resourceTypeGeneral: 'Dataset', resourceType: 'Dataset' });
    expect(dc.titles).toEqual([
      { title: 'PM2.5 & O₃ <hourly> {Beijing} 100% "raw"', lang: 'en' },
      { title: '北京与洛杉矶空气质量（逐时）', lang: 'zh', titleType: 'TranslatedTitle' },
    ]);
    expect(dc.publicationYear).toBe(2026);
    expect(dc.url).toBe(`${origin}/datasets/6f1c2d3e-4a5b-4c6d-8e7f-001122334455`);
    expect(dc.dates).toEqual([
      { date: '2026-03-01', dateType: 'Created' },
      { date: '2024-01-01/2024-12-31', dateType: 'Coverage' },
    ]);
    expect(dc.relatedIdentifiers).toEqual([
      { relatedIdentifier: '10.1234/abc.5678', relatedIdentifierType: 'DOI', relationType: 'IsReferencedBy' },
      { relatedIdentifier: 'https://example.org/report?a=1&b=2', relatedIdentifierType: 'URL', relationType: 'IsReferencedBy' },
    ]);
    expect(dc.rightsList[0]).toMatchObject({ rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX' });
    expect(dc.version).toBe('2');
    // A dataset only in Chinese has its Chinese title as the title, not as a translation.
    expect(dataCite(dataset({ title: text(null, '四川地震目录') }), origin).titles).toEqual([{ title: '四川地震目录', lang: 'zh' }]);
  });

  it('writes DataCite XML in the kernel-4 namespace that a parser reads back exactly', () => {
    const xml = citation(dataset(), 'datacite-xml', origin);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    const root = doc.documentElement;
    expect(root?.namespaceURI).toBe(NS);
    expect(root?.localName).toBe('resource');
    expect(root?.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'schemaLocation')).toMatch(/^http:\/\/datacite\.org\/schema\/kernel-4 https:\/\/schema\.datacite\.org\/meta\/kernel-4\.\d+\/metadata\.xsd$/);
    if (!root) throw new Error('no root');
    // The mandatory properties other than the DOI, which Qiao does not mint.
    for (const name of ['creators', 'titles', 'publisher', 'publicationYear', 'resourceType']) expect(child(root, name)).toHaveLength(1);
    const titles = child(root, 'title');
    expect(titles.map((t) => [t.textContent, t.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'), t.getAttribute('titleType')])).toEqual([
      ['PM2.5 & O₃ <hourly> {Beijing} 100% "raw"', 'en', null],
      ['北京与洛杉矶空气质量（逐时）', 'zh', 'TranslatedTitle'],
    ]);
    expect(xml).toContain('PM2.5 &amp; O₃ &lt;hourly&gt;');
    expect(child(root, 'creatorName').map((c) => c.textContent)).toEqual(['Zhang, Haoran', 'Research and Development Corp_1']);
    expect(child(root, 'affiliation').map((c) => c.textContent)).toEqual(['Institute of Atmospheric Physics & CAS']);
    expect(child(root, 'resourceType')[0]?.getAttribute('resourceTypeGeneral')).toBe('Dataset');
    expect(child(root, 'publicationYear')[0]?.textContent).toBe('2026');
    expect(child(root, 'alternateIdentifier')[0]?.textContent).toBe(`${origin}/datasets/6f1c2d3e-4a5b-4c6d-8e7f-001122334455`);
    expect(child(root, 'relatedIdentifier').map((r) => [r.textContent, r.getAttribute('relatedIdentifierType')])).toEqual([
      ['10.1234/abc.5678', 'DOI'],
      ['https://example.org/report?a=1&b=2', 'URL'],
    ]);
    expect(child(root, 'description')[0]?.textContent).toBe('Hourly readings;\nline two.');
    expect(child(root, 'geoLocationPlace').map((g) => g.textContent)).toEqual(['Beijing', 'Los Angeles']);
  });

  it('escapes BibTeX syntax so braces stay balanced and Chinese text is kept as it is', () => {
    expect(bibtexEscape('a{b}c \\ $5 & 10% #1 x_y ^ ~')).toBe('a\\{b\\}c \\textbackslash{} \\$5 \\& 10\\% \\#1 x\\_y \\^{} \\~{}');
    const entry = bibtex(dataCite(dataset(), origin), '6f1c2d3e-4a5b-4c6d-8e7f-001122334455');
    expect(entry).toMatch(/^@misc\{qiao_6f1c2d3e4a5b_2026,\n/);
    expect(entry).toContain('  author = {{Zhang, Haoran} and {Research and Development Corp\\_1}},');
    expect(entry).toContain('  title = {{PM2.5 \\& O₃ <hourly> \\{Beijing\\} 100\\% "raw"}},');
    expect(entry).toContain('  titleaddon = {{北京与洛杉矶空气质量（逐时）}},');
    expect(entry).toContain('  year = {2026},');
    expect(entry).toContain('  version = {2},');
    expect(entry).toContain(`  url = {${origin}/datasets/6f1c2d3e-4a5b-4c6d-8e7f-001122334455},`);
    expect(entry).toContain('  keywords = {air quality, C\\#\\_data}');
    // Unescaped braces balance over the whole entry.
    let depth = 0;
    for (const [i, ch] of [...entry].entries()) {
      if (entry[i - 1] === '\\') continue;
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('writes RIS with one tag a line, CRLF endings and values kept on their line', () => {
    const out = ris(dataCite(dataset(), origin));
    expect(out.endsWith('ER  - \r\n')).toBe(true);
    const lines = out.split('\r\n').slice(0, -1);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const tags = lines.map((l) => [l.slice(0, 2), l.slice(6)]);
    expect(tags[0]).toEqual(['TY', 'DATA']);
    expect(tags.filter(([t]) => t === 'AU').map(([, v]) => v)).toEqual(['Zhang, Haoran', 'Research and Development Corp_1']);
    expect(tags).toContainEqual(['TI', 'PM2.5 & O₃ <hourly> {Beijing} 100% "raw"']);
    expect(tags).toContainEqual(['TT', '北京与洛杉矶空气质量（逐时）']);
    expect(tags).toContainEqual(['AB', 'Hourly readings; line two.']);
    expect(tags).toContainEqual(['PY', '2026']);
    expect(tags).toContainEqual(['UR', `${origin}/datasets/6f1c2d3e-4a5b-4c6d-8e7f-001122334455`]);
  });

  it('gives DataCite JSON that parses back to the same mapping', () => {
    expect(JSON.parse(citation(dataset(), 'datacite-json', origin))).toEqual(JSON.parse(JSON.stringify(dataCite(dataset(), origin))));
  });
});
