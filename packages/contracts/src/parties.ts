import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { SideCodeSchema } from './sides.ts';
import { cleanText, textField, VersionSchema } from './text.ts';

/** A name in one language and script; an organisation or person carries several. */
export const PartyNameSchema = z.object({
  lang: z.enum(['en', 'zh-Hans', 'zh-Hant', 'zh-Latn']),
  value: textField(LIMITS.nameMax),
});
export type PartyName = z.infer<typeof PartyNameSchema>;

export const OrganizationInputSchema = z.object({
  names: z.array(PartyNameSchema).min(1),
  side: SideCodeSchema,
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
  kind: z.enum(['university', 'institute', 'company', 'government', 'ngo', 'other']).default('other'),
  website: z.string().url().max(500).optional(),
});
export type OrganizationInput = z.infer<typeof OrganizationInputSchema>;

export const OrganizationSchema = OrganizationInputSchema.extend({
  id: z.string().uuid(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const PersonInputSchema = z.object({
  names: z.array(PartyNameSchema).min(1),
  side: SideCodeSchema,
  affiliationId: z.string().uuid().nullable().default(null),
  email: z.string().email().max(LIMITS.emailMax).optional(),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

export const PersonSchema = PersonInputSchema.extend({
  id: z.string().uuid(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Person = z.infer<typeof PersonSchema>;

/** An update names the version it was based on; a stale version is refused with `conflict`. */
export const OrganizationUpdateSchema = OrganizationInputSchema.partial().extend({ version: VersionSchema });
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>;
export const PersonUpdateSchema = PersonInputSchema.partial().extend({ version: VersionSchema });
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;

/**
 * A party's side never changes by an edit: an admin corrects a side entered by mistake, with a reason
 * that goes into the audit log; the party is then screened again for its new side.
 */
export const PartySideCorrectionSchema = z.object({
  side: SideCodeSchema,
  reason: textField(2000, { multiline: true }),
  version: VersionSchema,
});
export type PartySideCorrection = z.infer<typeof PartySideCorrectionSchema>;

export const PartyListQuerySchema = z.object({
  side: SideCodeSchema.optional(),
  q: cleanText().pipe(z.string().trim().max(LIMITS.nameMax)).optional(),
});
export type PartyListQuery = z.infer<typeof PartyListQuerySchema>;
