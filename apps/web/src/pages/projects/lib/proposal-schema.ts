import { ProjectInputSchema } from '@qiao/contracts';
import { formSchema, issueMessage, type FormIssue } from '../../../lib/form-issues.ts';
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
  const seen = new Set<string>();
  return parsed.error.issues.flatMap((issue) => {
    const path = draftPath(issue.path);
    // One message per field: the first is the one to fix first.
    if (seen.has(path)) return [];
    seen.add(path);
    // An empty group choice and a text given in neither language are missing, not malformed.
    const neither = (issue.path[0] === 'title' || issue.path[0] === 'abstract') && issue.path.length === 1;
    if (neither) return [{ path, message: 'oneLanguage' }];
    return [{ path, message: path === 'groupId' && !draft.groupId ? 'required' : issueMessage(issue) }];
  });
}

/** The form's schema for react-hook-form's zod resolver: the draft as typed, checked by the contract. */
export const ProposalDraftSchema = formSchema(draftIssues);
