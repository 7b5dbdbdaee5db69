import { ProjectInputSchema } from '@qiao/contracts';
import { formSchema, placeIssues, type FormIssue } from '../../../lib/form-issues.ts';
import { toProjectInput, type ProposalDraft } from './proposal.ts';

/**
 * Where an issue with the wire body belongs in the draft: `title.en` is the English title input,
 * a budget line's amount is that line's amount input; lists without fields of their own (parties,
 * data plan, keywords) take the error at the list.
 */
export function draftPath(path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'title' || head === 'abstract') return `${head}${second === 'zh' ? 'Zh' : 'En'}`;
  if (head === 'budget' && second !== undefined && third !== undefined) return `budget.${second}.${third}`;
  return head ?? 'root';
}

/** Checks the draft as the server will check the body it becomes (ProjectInputSchema from contracts). */
export function draftIssues(draft: ProposalDraft): FormIssue[] {
  const parsed = ProjectInputSchema.safeParse(toProjectInput(draft));
  if (parsed.success) return [];
  return placeIssues(parsed.error.issues, (issue) => {
    const path = draftPath(issue.path);
    // An empty group choice and a text given in neither language are missing, not malformed.
    if ((issue.path[0] === 'title' || issue.path[0] === 'abstract') && issue.path.length === 1) return { path, message: 'oneLanguage' };
    return path === 'groupId' && !draft.groupId ? { path, message: 'required' } : { path };
  });
}

/** The form's schema for react-hook-form's zod resolver: the draft as typed, checked by the contract. */
export const ProposalDraftSchema = formSchema(draftIssues);
