import { CreateUserRequestSchema, InvitationRequestSchema, type CreateUserRequest, type InvitationRequest, type Role } from '@qiao/contracts';
import { formSchema, placeIssues, type FormIssue, type IssueLike } from '../../../lib/form-issues.ts';

/** A new account or invitation as typed: roles as ticked boxes on the one side chosen. */
export interface AccountDraft {
  email: string;
  displayName: string;
  side: string;
  roles: Role[];
  /** Empty: the server generates a one-time password. */
  password: string;
}

export function toCreateUser(d: AccountDraft): CreateUserRequest {
  return { email: d.email.trim(), displayName: d.displayName, side: d.side, roles: d.roles.map((role) => ({ role, side: d.side })), password: d.password === '' ? undefined : d.password };
}

export function toInvitation(d: AccountDraft): InvitationRequest {
  return { email: d.email.trim(), side: d.side, roles: d.roles.map((role) => ({ role, side: d.side })) };
}

/** The form's field for a wire path: a role grant's problem belongs to the role boxes. */
export function accountPath(path: readonly PropertyKey[]): string {
  return String(path[0] ?? 'root');
}

function issuesOf(parsed: { success: true } | { success: false; error: { issues: IssueLike[] } }): FormIssue[] {
  return parsed.success ? [] : placeIssues(parsed.error.issues, (issue) => ({ path: accountPath(issue.path) }));
}

export const CreateUserDraftSchema = formSchema((d: AccountDraft) => issuesOf(CreateUserRequestSchema.safeParse(toCreateUser(d))));
export const InvitationDraftSchema = formSchema((d: AccountDraft) => issuesOf(InvitationRequestSchema.safeParse(toInvitation(d))));
