/**
 * @qiao/policy: the technology-yard classifier and both sides' cross-border data rules, as cited data.
 * Pure: data in, values out; no database, no HTTP, no environment.
 */
export type { Bilingual, Citation, Confidence, Instrument, InstrumentId } from './cite/citation.ts';
export { INSTRUMENTS } from './cite/instruments.ts';

export { classify } from './yard/classify.ts';
export { RESTRICTED_CITATIONS } from './yard/verdict-basis.ts';
export type { AreaHit, ClassifyResult, Evidence, YardReasonCode, YardVerdict } from './yard/classify.ts';
export { AREAS, CCL_PRODUCT_GROUPS } from './yard/areas.ts';
export type { ProductGroup } from './yard/areas.ts';
export { AREA_CONTROLS, AREA_SOURCES, isExportControlled } from './yard/area.ts';
export type { Area, AreaControl, AreaId, AreaSource } from './yard/area.ts';
export { AGREEMENT_CITATION, SCOPE_SIGNALS, decideScope } from './yard/scope.ts';
export type { Scope, ScopeResult, ScopeSignal, SignalKind } from './yard/scope.ts';

export { evaluateTransfer } from './transfer/evaluate.ts';
export type { RegimeId, TransferResult, TransferVerdict } from './transfer/evaluate.ts';
export {
  CategoryCountSchema,
  CnContextSchema,
  DATA_CATEGORIES,
  DATA_KINDS,
  DataCategorySchema,
  DataKindSchema,
  DatasetSchema,
  DirectionSchema,
  UsContextSchema,
} from './transfer/dataset.ts';
export type { CategoryCount, DataCategory, DataKind, Dataset, DatasetInput, Direction } from './transfer/dataset.ts';
export { CN_RULES, US_DSP_RULES } from './transfer/rules.ts';
export type { RuleSet } from './transfer/rules.ts';
export type { Comparator, Condition, Finding, FindingEffect, RuleId, Threshold } from './transfer/rule.ts';
