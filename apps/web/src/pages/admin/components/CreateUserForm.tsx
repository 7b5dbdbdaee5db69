import { LIMITS, type Role, type Side } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type CreatedUser } from '../../../api/admin.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { PasswordStrength } from '../../auth/PasswordStrength.tsx';
import { RolePicker } from './RolePicker.tsx';

/** The fields whose server errors are shown at the field rather than above the form. */
const FIELDS = ['email', 'displayName', 'password'] as const;

export function CreateUserForm({ sides, onCreated }: { sides: readonly Side[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [roles, setRoles] = useState<Role[]>(['member']);
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const submit = useSubmit();
  const { busy, error } = submit;
  // Leaving with a half-typed account asks first.
  useUnsavedChanges(email !== '' || displayName !== '' || password !== '');

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    let user: CreatedUser | null = null;
    const body = { email, displayName, side, roles: roles.map((role) => ({ role, side })), password: password === '' ? undefined : password };
    const ok = await submit.run(async () => {
      user = await adminApi.createUser(body);
    }, { success: t('admin.users.createdToast', { name: displayName }) });
    if (!ok) return;
    setCreated(user);
    setEmail('');
    setDisplayName('');
    setPassword('');
    onCreated();
  }

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.users.createTitle')}</h2>
      <p className="muted">{t('admin.users.createIntro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        {error !== null && !isFieldError(error, FIELDS) && <ErrorMessage error={error} />}
        {created !== null && <CreatedNotice user={created} />}
        <Field
          label={t('admin.users.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={LIMITS.emailMax}
          value={email}
          error={serverFieldError(error, 'email')}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('admin.users.displayName')}
          name="displayName"
          required
          maxLength={LIMITS.displayNameMax}
          value={displayName}
          error={serverFieldError(error, 'displayName')}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <SideSelect label={t('admin.users.side')} name="side" sides={sides} value={side} onChange={setSide} />
        <RolePicker legend={t('admin.users.roles')} hint={t('admin.users.rolesHint')} value={roles} onChange={setRoles} />
        <Field
          label={t('admin.users.password')}
          hint={t('admin.users.passwordHint', { min: LIMITS.passwordMin })}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          error={serverFieldError(error, 'password')}
          onChange={(e) => setPassword(e.target.value)}
        />
        <PasswordStrength password={password} email={email} displayName={displayName} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('admin.users.submit')}
        </button>
      </form>
    </section>
  );
}

function CreatedNotice({ user }: { user: CreatedUser }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-success" role="status">
      <p>{t('admin.users.created', { email: user.email })}</p>
      {user.oneTimePassword && (
        <>
          <p>{t('admin.users.oneTimePassword', { email: user.email })}</p>
          <p>
            <span className="visually-hidden">{t('admin.users.oneTimePasswordLabel')}: </span>
            <code data-testid="one-time-password" className="secret">
              {user.oneTimePassword}
            </code>
          </p>
        </>
      )}
    </div>
  );
}
