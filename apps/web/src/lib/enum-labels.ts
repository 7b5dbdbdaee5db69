import {
  ACCESS_LEVELS,
  ACCESS_REQUEST_STATUSES,
  ACTION_STATUSES,
  ALERT_STATUSES,
  CONVERGENCE,
  DECISION_KINDS,
  ENTITY_TYPES,
  GROUP_STATUSES,
  JOB_STATUSES,
  MEMBER_ROLES,
  PROJECT_ACTIONS,
  PROJECT_STATUSES,
  ROUND_STATUSES,
  SCREENING_STATUSES,
  TRANSFER_VERDICTS,
  YARD_VERDICTS,
} from '@qiao/contracts';

/**
 * Every enum the server sends that the UI shows, by the name of its label group in the shell's
 * translations (`enums.<kind>.<value>`). The parity test checks each value has a label in en and zh,
 * so a value added to a contract fails a test until it is translated.
 */
export const ENUMS = {
  projectStatus: PROJECT_STATUSES,
  projectAction: PROJECT_ACTIONS,
  groupStatus: GROUP_STATUSES,
  roundStatus: ROUND_STATUSES,
  convergence: CONVERGENCE,
  actionStatus: ACTION_STATUSES,
  minutesStatus: ['draft', 'locked'],
  memberRole: MEMBER_ROLES,
  screeningStatus: SCREENING_STATUSES,
  alertStatus: ALERT_STATUSES,
  jobStatus: JOB_STATUSES,
  decisionKind: DECISION_KINDS,
  entityType: ENTITY_TYPES,
  accessLevel: ACCESS_LEVELS,
  accessRequestStatus: ACCESS_REQUEST_STATUSES,
  yardVerdict: YARD_VERDICTS,
  transferVerdict: TRANSFER_VERDICTS,
} as const satisfies Record<string, readonly string[]>;

export type EnumKind = keyof typeof ENUMS;
export type EnumValue<K extends EnumKind> = (typeof ENUMS)[K][number];

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info';

/** How a badge is tinted; values not named here are neutral. */
export const TONES: { [K in EnumKind]?: Partial<Record<EnumValue<K>, Tone>> } = {
  projectStatus: { approved: 'ok', rejected: 'danger', changes_requested: 'warn', under_review: 'info', submitted: 'info' },
  groupStatus: { active: 'ok', paused: 'warn' },
  actionStatus: { done: 'ok', blocked: 'danger', in_progress: 'info' },
  convergence: { agreed: 'ok', narrowing: 'info', parked: 'warn' },
  minutesStatus: { locked: 'ok' },
  screeningStatus: { clear: 'ok', cleared_by_decision: 'ok', potential_match: 'warn', confirmed_match: 'danger' },
  alertStatus: { open: 'warn', resolved: 'ok' },
  jobStatus: { done: 'ok', failed: 'danger', running: 'info' },
  accessRequestStatus: { granted: 'ok', denied: 'danger', revoked: 'danger', pending: 'warn' },
  yardVerdict: { open: 'ok', review: 'warn', restricted: 'danger' },
  transferVerdict: { allowed: 'ok', conditions: 'warn', prohibited: 'danger' },
};

export function isEnumValue<K extends EnumKind>(kind: K, value: string): value is EnumValue<K> {
  return (ENUMS[kind] as readonly string[]).includes(value);
}

export function toneOf<K extends EnumKind>(kind: K, value: string): Tone {
  const tones = TONES[kind] as Partial<Record<string, Tone>> | undefined;
  return tones?.[value] ?? 'neutral';
}
