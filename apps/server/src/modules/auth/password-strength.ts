import { LIMITS, passwordContainsEmail } from '@qiao/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { weakPassword } from '../../errors.ts';

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

export interface PasswordOwner {
  email: string;
  displayName?: string;
}

/**
 * Why this password is too weak for this person, or null. Length first (cheap and clear), then the
 * email or its local part anywhere inside, then zxcvbn with the person's own details as known words,
 * so "Wang.Li-2026" is weak for Wang Li even when it looks varied.
 */
export function passwordWeakness(password: string, owner: PasswordOwner): string | null {
  if ([...password].length < LIMITS.passwordMin) return `use at least ${LIMITS.passwordMin} characters`;
  if (passwordContainsEmail(password, owner.email)) return 'do not use your email address or its name part in the password';
  const email = owner.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const result = zxcvbn.check(password.slice(0, 100), [email, local, ...(owner.displayName ? [owner.displayName, ...owner.displayName.split(/\s+/)] : [])]);
  if (result.score >= LIMITS.passwordMinScore) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((h): h is string => !!h);
  return `the password is easy to guess${hints.length > 0 ? `: ${hints.join(' ')}` : '; add more uncommon words'}`;
}

/** Throws 400 weak_password with the reason; used wherever a password is chosen. */
export function assertStrongPassword(password: string, owner: PasswordOwner): void {
  const weakness = passwordWeakness(password, owner);
  if (weakness) throw weakPassword(weakness);
}
