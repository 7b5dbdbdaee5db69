import { DatasetInputSchema, type AccessLevel, type Creator, type DatasetInput } from '@qiao/contracts';
import { formSchema, placeIssues, type FormIssue } from '../../../lib/form-issues.ts';
import { toDataDeclaration, type Declaration } from './declaration.ts';
import { splitList } from './list.ts';

/** The new-dataset form as typed: lists as comma-separated text, dates as the date inputs give them. */
export interface DatasetDraft {
  title: { en: string; zh: string };
  description: { en: string; zh: string };
  creators: Creator[];
  subjects: string;
  temporalStart: string;
  temporalEnd: string;
  spatial: string;
  licence: string;
  accessLevel: AccessLevel;
  embargoUntil: string;
  side: string;
  declaration: Declaration;
}

const both = (v: { en: string; zh: string }) => ({ ...(v.en.trim() ? { en: v.en.trim() } : {}), ...(v.zh.trim() ? { zh: v.zh.trim() } : {}) });

export function toDatasetInput(d: DatasetDraft): DatasetInput {
  return {
    title: both(d.title),
    description: both(d.description),
    creators: d.creators.map((c) => ({ ...c, name: c.name.trim(), affiliation: c.affiliation.trim() })),
    subjects: splitList(d.subjects),
    temporalStart: d.temporalStart || null,
    temporalEnd: d.temporalEnd || null,
    spatial: splitList(d.spatial),
    licence: d.licence.trim(),
    relatedPublications: [],
    accessLevel: d.accessLevel,
    embargoUntil: d.accessLevel === 'embargoed' ? d.embargoUntil || null : null,
    side: d.side,
    dataDeclaration: toDataDeclaration(d.declaration),
  };
}

/**
 * Where an issue with the wire body belongs in the form: a text given in neither language at its
 * English input, a creator's field at that creator's input, anything in the declaration at the
 * declaration; lists typed as text take the error at their one input.
 */
export function draftPath(path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'title' || head === 'description') return `${head}.${second === 'zh' ? 'zh' : 'en'}`;
  if (head === 'creators' && second !== undefined && third !== undefined) return `creators.${second}.${third}`;
  if (head === 'dataDeclaration') return 'declaration';
  return head ?? 'root';
}

/** Checks the form as the server will check the body it becomes (DatasetInputSchema from contracts). */
export function datasetIssues(draft: DatasetDraft): FormIssue[] {
  const parsed = DatasetInputSchema.safeParse(toDatasetInput(draft));
  if (parsed.success) return [];
  return placeIssues(parsed.error.issues, (issue) => {
    const path = draftPath(issue.path);
    // A text in neither language, or an embargo without its date, is missing rather than malformed.
    if (issue.path.length === 1 && (issue.path[0] === 'title' || issue.path[0] === 'description')) return { path, message: 'oneLanguage' };
    return issue.path[0] === 'embargoUntil' && !draft.embargoUntil ? { path, message: 'required' } : { path };
  });
}

export const DatasetDraftSchema = formSchema(datasetIssues);
