import { z } from 'zod';

/**
 * A side is a party to the collaboration. US and CN exist from the start; the model allows more
 * (e.g. a third country in a multilateral group), so a side code is any two-letter upper-case code.
 */
export const SideCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter side code such as US or CN');
export type SideCode = z.infer<typeof SideCodeSchema>;

export const SideSchema = z.object({
  code: SideCodeSchema,
  nameEn: z.string(),
  nameZh: z.string(),
});
export type Side = z.infer<typeof SideSchema>;

export const ROLES = ['admin', 'co_chair', 'member', 'compliance_officer', 'data_steward'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** A role is always held for one side: a compliance officer of CN reviews CN's flags. */
export const RoleGrantSchema = z.object({ role: RoleSchema, side: SideCodeSchema });
export type RoleGrant = z.infer<typeof RoleGrantSchema>;
