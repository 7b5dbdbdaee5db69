import { LIMITS, type Invitation, type Role, type Side } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../../api/admin.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import { InvitationLink } from './InvitationLink.tsx';
import { RolePicker } from './RolePicker.tsx';

export function InvitationForm({ sides }: { sides: readonly Side[] }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [side, setSide] = useState(sides[0]?.code ?? '');
  const [roles, setRoles] = useState<Role[]>(['member']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setInvitation(null);
    try {
      setInvitation(await adminApi.createInvitation({ email, side, roles: roles.map((role) => ({ role, side })) }));
      setEmail('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('admin.invitations.title')}</h2>
      <p className="muted">{t('admin.invitations.intro')}</p>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        {error !== null && <ErrorMessage error={error} />}
        {invitation !== null && <InvitationLink invitation={invitation} />}
        <Field
          label={t('admin.invitations.email')}
          name="email"
          type="email"
          autoComplete="off"
          required
          maxLength={LIMITS.emailMax}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <SideSelect label={t('admin.invitations.side')} name="side" sides={sides} value={side} onChange={setSide} />
        <RolePicker legend={t('admin.invitations.roles')} hint={t('admin.users.rolesHint')} value={roles} onChange={setRoles} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('admin.invitations.submit')}
        </button>
      </form>
    </section>
  );
}
