import type { Invitation } from '@qiao/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The link to send to the invited person, with a copy button. */
export function InvitationLink({ invitation }: { invitation: Invitation }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/invite/${encodeURIComponent(invitation.token)}`;
  const expires = new Date(invitation.expiresAt).toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en');

  function handleCopy() {
    navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      // Clipboard access can be refused; the link stays selectable in the field.
      () => setCopied(false),
    );
  }

  return (
    <div className="alert alert-success" role="status">
      <p>{t('admin.invitations.created', { email: invitation.email, expires })}</p>
      <label htmlFor={id} className="visually-hidden">
        {t('admin.invitations.linkLabel')}
      </label>
      <div className="copy-row">
        <input id={id} data-testid="invitation-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button-secondary" onClick={handleCopy}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </div>
    </div>
  );
}
