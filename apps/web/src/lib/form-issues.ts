import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError } from '../api/errors.ts';

/** The parts of a zod issue a form needs to say what is wrong in the reader's language. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** What a field error says, as a key the form's namespace translates under `errors.`. */
export type IssueKind = 'required' | 'oneLanguage' | 'tooShort' | 'tooLong' | 'tooMany' | 'tooLarge' | 'negative' | 'invalid';

/**
 * The schema checks the value as the server will; this reads its issue as one of a few things a
 * person can fix. Anything else is "not valid" rather than zod's own English.
 */
export function issueKind(issue: IssueLike): { kind: IssueKind; max?: number } {
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  const min = Number(issue.minimum ?? 0);
  if (issue.code === 'too_small' && issue.origin === 'number') return { kind: 'negative' };
  // `max` carries the limit either way: here the fewest characters that will do.
  if (issue.code === 'too_small' && issue.origin === 'string' && min > 1) return { kind: 'tooShort', max: min };
  if (issue.code === 'too_small') return { kind: 'required' };
  if (issue.code === 'too_big' && issue.origin === 'string') return { kind: 'tooLong', max };
  if (issue.code === 'too_big' && issue.origin === 'array') return { kind: 'tooMany', max };
  if (issue.code === 'too_big') return { kind: 'tooLarge', max };
  if (issue.code === 'invalid_type') return { kind: 'required' };
  return { kind: 'invalid' };
}

const KINDS: readonly string[] = ['required', 'oneLanguage', 'tooShort', 'tooLong', 'tooMany', 'tooLarge', 'negative', 'invalid'] satisfies IssueKind[];

/** A form schema's message for one issue: the kind and its limit, translated where it is shown. */
export function issueMessage(issue: IssueLike): string {
  const { kind, max } = issueKind(issue);
  return max === undefined ? kind : `${kind}:${max}`;
}

/** Reads back what issueMessage wrote; null for anything else (a server's own words). */
export function readIssue(message: string | undefined): { kind: IssueKind; max: number } | null {
  const [kind, max] = (message ?? '').split(':');
  if (!kind || !KINDS.includes(kind)) return null;
  return { kind: kind as IssueKind, max: Number(max ?? 0) };
}

/** The text under a field: a schema issue in the reader's language, a server's message as it came. */
export function useFieldErrorText(): (message: string | undefined) => string | undefined {
  const { t } = useTranslation();
  return useCallback(
    (message: string | undefined) => {
      const issue = readIssue(message);
      return issue ? t(`formErrors.${issue.kind}`, { max: issue.max, min: issue.max }) : message || undefined;
    },
    [t],
  );
}

/** One problem with a form's values: where it sits in the form (`budget.0.amount`) and its message. */
export interface FormIssue {
  path: string;
  message: string;
}

/**
 * The schema react-hook-form's zod resolver runs for a form whose values are not yet the wire body:
 * `issuesOf` shapes the values, checks them with the contract's schema exactly as the server will, and
 * says at which field each issue belongs. The values pass through unchanged.
 */
export function formSchema<TValues>(issuesOf: (values: TValues) => FormIssue[]) {
  return z.custom<TValues>().superRefine((values, ctx) => {
    for (const issue of issuesOf(values)) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
    }
  });
}

/**
 * A 400 that names a field (`title.en: too long`), placed in the form by `place` (the form's own
 * path for the wire path); null for any other failure, which the form shows above its buttons.
 */
export function serverIssue(error: unknown, place: (path: readonly string[]) => string): FormIssue | null {
  if (!(error instanceof ApiError) || error.id !== 'validation_failed') return null;
  const colon = error.message.indexOf(':');
  if (colon <= 0) return null;
  return { path: place(error.message.slice(0, colon).trim().split('.')), message: error.message.slice(colon + 1).trim() };
}

/**
 * The form's issues from a contract's parse: each placed at the form field `place` names (null keeps
 * the issue's own kind), one per field, the first being the one to fix first.
 */
export function placeIssues(issues: readonly IssueLike[], place: (issue: IssueLike) => { path: string; message?: string }): FormIssue[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const { path, message } = place(issue);
    if (seen.has(path)) return [];
    seen.add(path);
    return [{ path, message: message ?? issueMessage(issue) }];
  });
}
