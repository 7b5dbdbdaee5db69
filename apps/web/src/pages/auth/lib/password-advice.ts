import { LIMITS, passwordContainsEmail } from '@qiao/contracts';

/** Translation keys under `password.` for what the server will refuse; the server has the last word. */
export type PasswordAdvice = 'tooShort' | 'containsEmail' | 'easyToGuess';

/** The strength shown while typing: zxcvbn's 0–4, or null before the scorer has loaded. */
export function passwordAdvice(password: string, score: number | null, email?: string): PasswordAdvice[] {
  if (password === '') return [];
  const advice: PasswordAdvice[] = [];
  if ([...password].length < LIMITS.passwordMin) advice.push('tooShort');
  if (email && passwordContainsEmail(password, email)) advice.push('containsEmail');
  if (score !== null && score < LIMITS.passwordMinScore) advice.push('easyToGuess');
  return advice;
}
