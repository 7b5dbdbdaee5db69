/**
 * Who may say what about project proposals and dataset catalogue entries, as far as the event alone
 * shows (the rest is checked when the event is applied, in federation.projects.ts):
 * - `project` / `put`: the proposal, sent by the node it was proposed on (checked on apply: a project
 *   this node holds as its own, or as another origin's replica, is refused);
 * - `project_side` / `put`: one side's reviews and co-chair sign-offs of a project, only from that side's node;
 * - `dataset` / `put`: a catalogue entry (or the stub of a withheld one), only from the node of the dataset's side.
 *
 * Object types this file does not know are not replicated.
 */
export const PROJECT_OBJECT_TYPES = ['project', 'project_side', 'dataset'] as const;
export type ProjectObjectType = (typeof PROJECT_OBJECT_TYPES)[number];

export function isProjectObjectType(t: string): t is ProjectObjectType {
  return (PROJECT_OBJECT_TYPES as readonly string[]).includes(t);
}

export function projectsAuthority(e: { objectType: string; objectId: string; op: string; origin: string }, payload: Record<string, unknown>): string | null {
  if (!isProjectObjectType(e.objectType)) return `object type ${e.objectType} is not replicated`;
  if (e.op !== 'put') return `unknown operation ${e.op} on a ${e.objectType}`;
  switch (e.objectType) {
    case 'project':
      if (payload.id !== e.objectId) return 'the project event names another project than its payload';
      return null;
    case 'project_side':
      if (e.objectId !== `${String(payload.projectId)}:${String(payload.side)}`) return 'the project review event names another project or side than its payload';
      if (payload.side !== e.origin) return `a ${String(payload.side)}-side review of a project can only come from the ${String(payload.side)} node, not the ${e.origin} node`;
      return null;
    case 'dataset':
      if (payload.id !== e.objectId) return 'the dataset event names another dataset than its payload';
      if (payload.side !== e.origin) return `a catalogue entry of a ${String(payload.side)}-side dataset can only come from the ${String(payload.side)} node (its steward's side), not the ${e.origin} node`;
      return null;
  }
}
