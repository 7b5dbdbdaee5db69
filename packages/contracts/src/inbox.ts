import { z } from 'zod';

/**
 * Everything that waits for a person, in every module. A notice stores its kind and the parameters it
 * needs; its words are rendered when it is read or mailed, in the recipient's language.
 */
export const INBOX_KINDS = [
  'join_request',
  'join_decided',
  'minutes_approval_needed',
  'minutes_locked',
  'action_assigned',
  'action_due_soon',
  'action_overdue',
  'flag_review',
  'project_sign_off',
  'project_approved',
  'project_rejected',
  'project_reopened',
  'access_requested',
  'access_decided',
  'access_revoked',
  'access_expired',
  'screening_alert',
  'party_proposed',
  'peer_position',
  'peer_minutes_revised',
  'peer_minutes_approved',
  'peer_cochair',
  'peer_cochair_stepped_down',
  'peer_event_refused',
  'minutes_revision_conflict',
] as const;
export const InboxKindSchema = z.enum(INBOX_KINDS);
export type InboxKind = z.infer<typeof InboxKindSchema>;

export const INBOX_MODULES = ['groups', 'dialogues', 'actions', 'projects', 'datasets', 'screening', 'federation'] as const;
export const InboxModuleSchema = z.enum(INBOX_MODULES);
export type InboxModule = z.infer<typeof InboxModuleSchema>;

/** Which module each kind belongs to (the inbox filter). */
export const INBOX_KIND_MODULE: Record<InboxKind, InboxModule> = {
  join_request: 'groups',
  join_decided: 'groups',
  minutes_approval_needed: 'dialogues',
  minutes_locked: 'dialogues',
  action_assigned: 'actions',
  action_due_soon: 'actions',
  action_overdue: 'actions',
  flag_review: 'projects',
  project_sign_off: 'projects',
  project_approved: 'projects',
  project_rejected: 'projects',
  project_reopened: 'projects',
  access_requested: 'datasets',
  access_decided: 'datasets',
  access_revoked: 'datasets',
  access_expired: 'datasets',
  screening_alert: 'screening',
  party_proposed: 'screening',
  peer_position: 'dialogues',
  peer_minutes_revised: 'dialogues',
  peer_minutes_approved: 'dialogues',
  peer_cochair: 'groups',
  peer_cochair_stepped_down: 'groups',
  peer_event_refused: 'federation',
  minutes_revision_conflict: 'dialogues',
};

export const InboxItemSchema = z.object({
  id: z.string().uuid(),
  kind: InboxKindSchema,
  module: InboxModuleSchema,
  /** The object the notice is about: its table and id. */
  entity: z.string(),
  entityId: z.string(),
  /** What the words are made of (names in both languages, dates, statuses). */
  params: z.record(z.string(), z.unknown()),
  /** The object's page in the web app, e.g. `/datasets/<id>`. */
  link: z.string(),
  /** One line in the language asked for. */
  title: z.string(),
  /** A sentence or two with the detail (the reason of a re-check, a decision's note). */
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

export const InboxLangSchema = z.enum(['en', 'zh']);
export type InboxLang = z.infer<typeof InboxLangSchema>;

export const InboxQuerySchema = z.object({
  module: InboxModuleSchema.optional(),
  state: z.enum(['all', 'unread', 'read']).default('all'),
  /** The language to render in; default the account's language. */
  lang: InboxLangSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxListSchema = z.object({ items: z.array(InboxItemSchema), unread: z.number().int() });
export type InboxList = z.infer<typeof InboxListSchema>;

export const UnreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

export const InboxMarkReadSchema = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) });
export type InboxMarkRead = z.infer<typeof InboxMarkReadSchema>;

export const InboxMarkAllSchema = z.object({ module: InboxModuleSchema.optional() });
export type InboxMarkAll = z.infer<typeof InboxMarkAllSchema>;

/** What waits for this user now, computed from the objects themselves (not from notices). */
export const TASK_KINDS = ['join_request', 'minutes_approval', 'project_review', 'project_sign_off', 'access_request', 'action_due'] as const;
export const TaskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKindSchema>;

export const TaskSchema = z.object({
  kind: TaskKindSchema,
  /** The object's id (join request, minutes, project, access request, action). */
  id: z.string(),
  title: z.string(),
  link: z.string(),
  /** A due date (YYYY-MM-DD) for actions, else when the task arose. */
  due: z.string().nullable(),
  since: z.string().nullable(),
});
export type Task = z.infer<typeof TaskSchema>;
export const TaskListSchema = z.object({ items: z.array(TaskSchema) });

export const MAIL_DELIVERIES = ['immediate', 'digest', 'off'] as const;
export const MailDeliverySchema = z.enum(MAIL_DELIVERIES);
export type MailDelivery = z.infer<typeof MailDeliverySchema>;

export const MailPreferencesSchema = z.object({
  /** Whether this server sends mail at all (QIAO_SMTP_URL and QIAO_MAIL_FROM set). */
  mailEnabled: z.boolean(),
  kinds: z.record(InboxKindSchema, MailDeliverySchema),
});
export type MailPreferences = z.infer<typeof MailPreferencesSchema>;

export const MailPreferencesInputSchema = z.object({ kinds: z.partialRecord(InboxKindSchema, MailDeliverySchema) });
export type MailPreferencesInput = z.infer<typeof MailPreferencesInputSchema>;

/**
 * Live channels: `user` carries the caller's own notices; an object channel says that object changed
 * (no content: the page refetches through the ordinary, access-checked API).
 */
export const LIVE_OBJECT_TYPES = ['round', 'project', 'dataset'] as const;
export type LiveObjectType = (typeof LIVE_OBJECT_TYPES)[number];
export const LiveQuerySchema = z.object({
  objects: z
    .string()
    .max(2000)
    .regex(/^((round|project|dataset):[0-9a-f-]{36})(,(round|project|dataset):[0-9a-f-]{36}){0,19}$/, 'must be up to 20 type:uuid pairs (round, project, dataset) separated by commas')
    .optional(),
});
export const LiveEventSchema = z.object({ channel: z.string(), type: z.string() });
export type LiveEvent = z.infer<typeof LiveEventSchema>;
