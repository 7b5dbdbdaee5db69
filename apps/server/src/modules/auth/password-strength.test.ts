import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { assertStrongPassword, passwordWeakness } from './password-strength.ts';

const require = createRequire(import.meta.url);
const loaded = (pkg: string): boolean => require.cache[require.resolve(pkg)] !== undefined;
const DICTIONARIES = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];

describe('password strength', () => {
  // First in the file: nothing before it has checked a password in this process.
  it('loads the password dictionaries on the first password checked, not when the module is imported', () => {
    expect(DICTIONARIES.filter(loaded)).toEqual([]);
    expect(passwordWeakness('password1234', { email: 'someone@test.example' })).toMatch(/easy to guess/);
    expect(DICTIONARIES.filter(loaded)).toEqual(DICTIONARIES);
  });

  it('still refuses weak passwords, each with its reason', () => {
    const owner = { email: 'wang.li@test.example', displayName: 'Wang Li' };
    expect(passwordWeakness('short', owner)).toMatch(/at least 12 characters/);
    expect(passwordWeakness('wang.li@test.example', owner)).toMatch(/email/);
    expect(passwordWeakness('aaaaaaaaaaaa', owner)).toMatch(/repeat/i);
    expect(passwordWeakness('password1234', owner)).toMatch(/common/i);
    expect(passwordWeakness('Wang.Li-password', owner)).toMatch(/email/);
    expect(() => assertStrongPassword('qwertyuiop12', owner)).toThrow(expect.objectContaining({ id: 'weak_password' }) as Error);
  });

  it('accepts a long password of uncommon words, the same checker answering each time', () => {
    const owner = { email: 'wang.li@test.example', displayName: 'Wang Li' };
    expect(passwordWeakness('tundra-violin-Copper-87-orchid', owner)).toBeNull();
    expect(passwordWeakness('tundra-violin-Copper-87-orchid', owner)).toBeNull();
    expect(() => assertStrongPassword('tundra-violin-Copper-87-orchid', owner)).not.toThrow();
  });
});
