import { z } from 'zod';

/**
 * Stable machine ids for every error the API returns. The web maps each id to a translated message,
 * so an id never changes once shipped; add new ones at the end.
 */
export const ERROR_IDS = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_invalid',
  'not_found',
  'route_not_found',
  'conflict',
  'rate_limited',
  'invitation_invalid',
  'internal',
  'csv_invalid',
  'transfer_not_allowed',
  'conditions_unmet',
  'parity_violation',
  'invalid_transition',
  'list_invalid',
  'list_download_failed',
  'wrong_side',
  'out_of_scope',
  'locked',
  'shrink_not_confirmed',
  'insufficient_storage',
  'uri_too_long',
  'weak_password',
  'access_revoked',
  'federation_not_configured',
  'federation_signature_invalid',
  'federation_timestamp_skew',
  'federation_nonce_replayed',
] as const;

export const ErrorIdSchema = z.enum(ERROR_IDS);
export type ErrorId = z.infer<typeof ErrorIdSchema>;

/** What an import would remove from one list or series: sent with 409 shrink_not_confirmed so a client can ask. */
export const ShrinkNoticeSchema = z.object({
  /** The list id or indicator series id. */
  subject: z.string(),
  /** Records (lists) or values (series) the import would remove. */
  removed: z.number().int(),
  /** How many there are now. */
  total: z.number().int(),
});
export type ShrinkNotice = z.infer<typeof ShrinkNoticeSchema>;

/** `allowShrink=true` in a query string or form: the admin confirms an import that removes data. */
export const AllowShrinkFlagSchema = z.enum(['true', 'false']).optional().transform((v) => v === 'true');

/** Every error response has this body: `{ error: { id, message } }`; file imports add the bad `lines`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    id: ErrorIdSchema,
    message: z.string(),
    lines: z.array(z.object({ line: z.number().int(), message: z.string() })).optional(),
    /** With shrink_not_confirmed: what the refused import would have removed. */
    shrink: z.array(ShrinkNoticeSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
