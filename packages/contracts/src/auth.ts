import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { RoleGrantSchema, SideCodeSchema } from './sides.ts';
import { textField } from './text.ts';

export const EmailSchema = z.string().trim().toLowerCase().max(LIMITS.emailMax).email();
export const PasswordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

/** True when the password holds the email or its name part (3+ characters): the first thing guessed. */
export function passwordContainsEmail(password: string, email: string): boolean {
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  return address !== '' && (lower.includes(address) || (local.length >= 3 && lower.includes(local)));
}

export const SignInRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const UserSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  side: SideCodeSchema,
  roles: z.array(RoleGrantSchema),
  locale: z.enum(['en', 'zh']),
  /** Set for the first-start admin: the one-time password must be replaced before anything else. */
  mustChangePassword: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/**
 * The signed-in session as the web sees it. `csrfToken` must be sent back in the `x-csrf-token`
 * header on every request that changes something.
 */
export const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string() });
export type Session = z.infer<typeof SessionSchema>;

export const CreateUserRequestSchema = z.object({
  email: EmailSchema,
  displayName: textField(LIMITS.displayNameMax),
  side: SideCodeSchema,
  roles: z.array(RoleGrantSchema).default([]),
  password: PasswordSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const InvitationRequestSchema = z.object({
  email: EmailSchema,
  side: SideCodeSchema,
  roles: z.array(RoleGrantSchema).default([]),
});
export type InvitationRequest = z.infer<typeof InvitationRequestSchema>;

export const InvitationSchema = z.object({
  token: z.string(),
  email: z.string(),
  side: SideCodeSchema,
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const AcceptInvitationRequestSchema = z.object({
  token: z.string().min(10).max(200),
  displayName: textField(LIMITS.displayNameMax),
  password: PasswordSchema,
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: PasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const UpdateMeRequestSchema = z.object({ locale: z.enum(['en', 'zh']) });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;
