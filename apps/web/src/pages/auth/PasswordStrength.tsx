import { LIMITS } from '@qiao/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordAdvice } from './lib/password-advice.ts';
import type { scorePassword } from './lib/password-score.ts';

type Scorer = typeof scorePassword;

/** A strength meter and the reasons a password would be refused, in the reader's language. */
export function PasswordStrength({ password, email, displayName }: { password: string; email?: string; displayName?: string }) {
  const { t } = useTranslation();
  const [scorer, setScorer] = useState<Scorer | null>(null);
  useEffect(() => {
    let live = true;
    import('./lib/password-score.ts')
      .then((m) => live && setScorer(() => m.scorePassword))
      // Without the meter the form still works: the server checks the password anyway.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (password === '') return null;
  const inputs = [email, email?.split('@')[0], displayName].filter((s): s is string => !!s);
  const score = scorer ? scorer(password, inputs) : null;
  const advice = passwordAdvice(password, score, email);
  return (
    <div className="password-strength" aria-live="polite">
      {score !== null && (
        <p className="hint">
          <meter min={0} max={4} low={LIMITS.passwordMinScore - 0.5} high={3.5} optimum={4} value={score} aria-label={t('password.strength')} />{' '}
          {t('password.strength')}: {t(`password.score.${score}`)}
        </p>
      )}
      {advice.map((a) => (
        <p key={a} className="field-error">
          {t(`password.${a}`, { min: LIMITS.passwordMin })}
        </p>
      ))}
    </div>
  );
}
