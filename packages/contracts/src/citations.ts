import { z } from 'zod';

/** Citation formats a dataset exports: DataCite Metadata Schema 4.x as JSON or XML, BibTeX and RIS. */
export const CITATION_FORMATS = ['datacite-json', 'datacite-xml', 'bibtex', 'ris'] as const;
export const CitationFormatSchema = z.enum(CITATION_FORMATS);
export type CitationFormat = z.infer<typeof CitationFormatSchema>;

export const CitationQuerySchema = z.object({ format: CitationFormatSchema });
export type CitationQuery = z.infer<typeof CitationQuerySchema>;

/** The media type each format is served with. */
export const CITATION_MEDIA_TYPES: Record<CitationFormat, string> = {
  'datacite-json': 'application/vnd.datacite.datacite+json',
  'datacite-xml': 'application/vnd.datacite.datacite+xml',
  bibtex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
};

/** The file name extension a downloaded citation gets. */
export const CITATION_EXTENSIONS: Record<CitationFormat, string> = { 'datacite-json': 'json', 'datacite-xml': 'xml', bibtex: 'bib', ris: 'ris' };

/** One format's text, for a page that shows the citation and lets the reader copy it. */
export const CitationTextSchema = z.object({
  format: CitationFormatSchema,
  mediaType: z.string(),
  fileName: z.string(),
  text: z.string(),
});
export type CitationText = z.infer<typeof CitationTextSchema>;
