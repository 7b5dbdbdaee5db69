import type { ProjectAction, ProjectChecks, ProjectStatus, User } from '@qiao/contracts';

/**
 * Who may take an action, always tied to this project: the proposer (its creator, a co-chair of its
 * group, or an admin), a reviewer (a compliance officer of a side that its current checks flag), or a
 * co-chair of its group. An unflagged project has no reviewer: only its co-chairs take it through.
 */
export type Actor = 'proposer' | 'reviewer' | 'co_chair';

const ACTOR_NAMES: Record<Actor, string> = {
  proposer: 'the proposer or a co-chair of the project’s group',
  reviewer: 'a compliance officer of a side that flagged the project',
  co_chair: 'a co-chair of the project’s group',
};
export const describeActor = (a: Actor) => ACTOR_NAMES[a];

/** The sides on whose flags this user may act as a reviewer: their officer sides that the checks flag. */
export function reviewerSides(user: Pick<User, 'roles'>, checks: ProjectChecks | null): string[] {
  const flagged = new Set(checks?.flags.map((f) => f.side) ?? []);
  return user.roles.filter((r) => r.role === 'compliance_officer' && flagged.has(r.side)).map((r) => r.side);
}

export interface Transition {
  from: readonly ProjectStatus[];
  to: ProjectStatus;
  by: readonly Actor[];
  /** The reason is required and kept in the history. */
  needsReason: boolean;
}

/**
 * The review workflow as data: one row per action. `approve` is a co-chair's sign-off; the project
 * becomes `approved` only when every side's co-chair has signed the current checks (the service
 * decides that), so its target here is where the last sign-off lands.
 */
export const TRANSITIONS: Record<ProjectAction, Transition> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', by: ['proposer'], needsReason: false },
  start_review: { from: ['submitted'], to: 'under_review', by: ['reviewer', 'co_chair'], needsReason: false },
  request_changes: { from: ['submitted', 'under_review'], to: 'changes_requested', by: ['reviewer', 'co_chair'], needsReason: true },
  approve: { from: ['under_review'], to: 'approved', by: ['co_chair'], needsReason: false },
  reject: { from: ['submitted', 'under_review'], to: 'rejected', by: ['reviewer', 'co_chair'], needsReason: true },
  withdraw: { from: ['draft', 'submitted', 'under_review', 'changes_requested'], to: 'withdrawn', by: ['proposer'], needsReason: false },
  reopen: { from: ['withdrawn', 'rejected'], to: 'draft', by: ['proposer'], needsReason: false },
};

export const EDITABLE: readonly ProjectStatus[] = ['draft', 'changes_requested'];
/** Statuses in which a party's new screening result re-opens the checks. */
export const LIVE: readonly ProjectStatus[] = ['submitted', 'under_review', 'changes_requested', 'approved'];
