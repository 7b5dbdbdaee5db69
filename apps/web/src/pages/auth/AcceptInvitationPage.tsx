import { LIMITS } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { authApi } from '../../api/auth.ts';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Field } from '../../components/Field.tsx';
import { usePageTitle } from '../../hooks/use-page-title.ts';
import { useSubmit } from '../../hooks/use-submit.ts';
import { currentLocale } from '../../i18n/index.ts';
import { isFieldError, serverFieldError } from '../../lib/field-errors.ts';
import { useSession } from '../../session/session-context.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  usePageTitle(t('invitation.title'));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit.run(async () => {
      const accepted = await authApi.acceptInvitation({ token, displayName, password });
      api.setCsrfToken(accepted.csrfToken);
      // Keep the language the person chose while accepting, rather than the account default.
      const locale = currentLocale();
      const session =
        accepted.user.locale === locale ? accepted : await authApi.updateMe({ locale }).catch(() => accepted);
      adopt(session);
      void navigate('/', { replace: true });
    });
  }

  return (
    <>
      <h1>{t('invitation.title')}</h1>
      <p className="lead">{t('invitation.intro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        {submit.error !== null && !isFieldError(submit.error, ['displayName', 'password']) && <ErrorMessage error={submit.error} />}
        <Field
          label={t('invitation.displayName')}
          name="displayName"
          autoComplete="name"
          required
          maxLength={LIMITS.displayNameMax}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={serverFieldError(submit.error, 'displayName')}
        />
        <NewPasswordField
          label={t('invitation.password')}
          hint={t('invitation.passwordHint', { min: LIMITS.passwordMin })}
          name="password"
          value={password}
          onChange={setPassword}
          error={serverFieldError(submit.error, 'password')}
          displayName={displayName}
        />
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('invitation.submitting') : t('invitation.submit')}
        </button>
      </form>
    </>
  );
}
