import { LIMITS } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { useSubmit } from '../../hooks/use-submit.ts';
import { useSession } from '../../session/session-context.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  usePageTitle(t('signIn.title'));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // On success the session changes and the router leaves this page by itself.
    await submit.run(() => signIn(email, password));
  }

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <Field
          label={t('signIn.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={LIMITS.emailMax}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('signIn.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={LIMITS.passwordMax}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </>
  );
}
