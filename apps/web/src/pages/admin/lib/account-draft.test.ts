import { describe, expect, it } from 'vitest';
import { CreateUserDraftSchema, InvitationDraftSchema, type AccountDraft } from './account-draft.ts';

const draft: AccountDraft = { email: 'new.person@example.org', displayName: 'New Person', side: 'US', roles: ['member'], password: '' };
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('account forms checked by the contract', () => {
  it('accepts a complete account, with or without a password', () => {
    expect(CreateUserDraftSchema.safeParse(draft).success).toBe(true);
    expect(InvitationDraftSchema.safeParse({ ...draft, displayName: '' }).success).toBe(true);
  });

  it('puts each problem at its field', () => {
    expect(paths(CreateUserDraftSchema.safeParse({ ...draft, email: 'not-an-address', displayName: ' ', password: 'short' }))).toEqual([
      ['email', 'invalid'],
      ['displayName', 'required'],
      ['password', expect.stringMatching(/^tooShort:\d+$/)],
    ]);
  });
});
