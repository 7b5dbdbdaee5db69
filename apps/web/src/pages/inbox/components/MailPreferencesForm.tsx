import { INBOX_KINDS, MAIL_DELIVERIES, type InboxKind, type MailDelivery, type MailPreferences } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { inboxApi, inboxKeys } from '../api.ts';

/** Per kind of notice: mailed at once, in the daily digest, or not at all. */
export function MailPreferencesSection() {
  const { t } = useTranslation('inbox');
  const prefs = useQuery({ queryKey: inboxKeys.preferences(), queryFn: inboxApi.preferences });
  return (
    <section aria-labelledby="inbox-mail" className="inbox-preferences">
      <h2 id="inbox-mail">{t('prefs.title')}</h2>
      <p className="muted">{t('prefs.intro')}</p>
      {prefs.isPending && <Loading />}
      {prefs.isError && <ErrorMessage error={prefs.error} onRetry={() => void prefs.refetch()} />}
      {prefs.data && <PreferencesForm key={JSON.stringify(prefs.data.kinds)} prefs={prefs.data} />}
    </section>
  );
}

function PreferencesForm({ prefs }: { prefs: MailPreferences }) {
  const { t } = useTranslation('inbox');
  const submit = useSubmit();
  const [kinds, setKinds] = useState<Record<InboxKind, MailDelivery>>(prefs.kinds);
  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    void submit.run(() => inboxApi.savePreferences({ kinds }), { success: t('prefs.saved'), invalidate: [inboxKeys.preferences()] });
  };
  return (
    <form onSubmit={handleSubmit} data-testid="mail-preferences">
      {!prefs.mailEnabled && <p className="alert alert-info">{t('prefs.disabled')}</p>}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('prefs.kind')}</th>
            <th scope="col">{t('prefs.delivery')}</th>
          </tr>
        </thead>
        <tbody>
          {INBOX_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">
                <label htmlFor={`pref-${kind}`}>{t(`prefs.kinds.${kind}`)}</label>
              </th>
              <td>
                <select id={`pref-${kind}`} name={kind} value={kinds[kind]} onChange={(e) => setKinds({ ...kinds, [kind]: e.target.value as MailDelivery })}>
                  {MAIL_DELIVERIES.map((d) => (
                    <option key={d} value={d}>
                      {t(`prefs.deliveries.${d}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        {t('prefs.save')}
      </button>
    </form>
  );
}
