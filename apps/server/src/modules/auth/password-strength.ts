import { createRequire } from 'node:module';
import { LIMITS, passwordContainsEmail } from '@qiao/contracts';
import type * as Core from '@zxcvbn-ts/core';
import type * as Common from '@zxcvbn-ts/language-common';
import type * as En from '@zxcvbn-ts/language-en';
import { weakPassword } from '../../errors.ts';

const require = createRequire(import.meta.url);
let zxcvbn: Core.ZxcvbnFactory | undefined;

/**
 * The checker with its dictionaries, made on the first password checked: unpacking and ranking the
 * word lists costs about a second of CPU, which a process that checks no password (a CLI command,
 * a server that only serves) should not pay at start-up. Loaded synchronously (the packages ship
 * CommonJS), so checking a password stays a plain function call.
 */
function checker(): Core.ZxcvbnFactory {
  if (zxcvbn) return zxcvbn;
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof Core;
  const common = require('@zxcvbn-ts/language-common') as typeof Common;
  const en = require('@zxcvbn-ts/language-en') as typeof En;
  zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return zxcvbn;
}

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
  const result = checker().check(password.slice(0, 100), [email, local, ...(owner.displayName ? [owner.displayName, ...owner.displayName.split(/\s+/)] : [])]);
  if (result.score >= LIMITS.passwordMinScore) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions].filter((h): h is string => !!h);
  return `the password is easy to guess${hints.length > 0 ? `: ${hints.join(' ')}` : '; add more uncommon words'}`;
}

/** Throws 400 weak_password with the reason; used wherever a password is chosen. */
export function assertStrongPassword(password: string, owner: PasswordOwner): void {
  const weakness = passwordWeakness(password, owner);
  if (weakness) throw weakPassword(weakness);
}
