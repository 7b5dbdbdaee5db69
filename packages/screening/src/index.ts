// @qiao/screening: list readers and the name-matching engine. Pure: data in, values out.
export type { EntityType, ListFile, ListFileInput, ListRecord } from './types.ts';
export { ListFormatError } from './types.ts';
export { loadListFiles, streamListFiles, deriveListId, type LoadResult, type LoadedList, type StreamResult } from './readers/load.ts';
export { streamLines, type ListStream } from './readers/stream.ts';
export { detectFormat, type DetectedFormat } from './readers/detect.ts';
export { parseCsv, type CsvRow } from './readers/csv.ts';
export { decodeText } from './readers/text.ts';
export { parseBatch, BatchFileError, BATCH_COLUMNS, BATCH_ENTITY_TYPES, BATCH_ID_MAX, BATCH_NAME_MAX, type BatchInput, type BatchLineError, type BatchParseOptions, type ParsedBatch } from './batch/batch.ts';
export { analyzeName, normalizeName } from './normalize/analyze.ts';
export type { AnalyzedName, NormalizedName, NameToken, TokenGroup } from './normalize/tokens.ts';
export type { Explanation, Match, MatchOptions, Matcher, Query, ListedRecord, PartHow } from './matcher/types.ts';
export { createMatcher, TokenMatcher, DEFAULT_THRESHOLD, DEFAULT_LIMIT } from './matcher/token-matcher.ts';
export { compareNames, pairMetrics, parseLabelledQueries, queryMetrics, type Comparison, type KindMetrics, type LabelledQuery, type PairOutcome, type QueryMetrics } from './compare.ts';
