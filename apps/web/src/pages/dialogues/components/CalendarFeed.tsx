import type { CalendarFeedToken } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useToast } from '../../../hooks/use-toast.ts';
import { useFormat } from '../../../lib/format.ts';
import { calendarApi, calendarKeys } from '../calendar-api.ts';
import './calendar.css';

/**
 * The personal feed of every round in the reader's working groups. Its secret URL is shown only right
 * after it is made (the server keeps only a hash); a new URL replaces the old one, revoking ends both.
 */
export function CalendarFeed() {
  const { t } = useTranslation();
  const f = useFormat();
  const toast = useToast();
  const urlId = useId();
  const submit = useSubmit();
  const feed = useQuery({ queryKey: calendarKeys.feed, queryFn: calendarApi.feed });
  const [fresh, setFresh] = useState<CalendarFeedToken | null>(null);
  const url = fresh ? `${window.location.origin}${fresh.path}` : null;

  async function handleRotate() {
    await submit.run(async () => setFresh(await calendarApi.rotate()), { invalidate: [calendarKeys.feed] });
  }

  async function handleRevoke() {
    if (await submit.run(() => calendarApi.revoke(), { success: t('calendar.revoked'), invalidate: [calendarKeys.feed] })) setFresh(null);
  }

  async function handleCopy() {
    if (!url) return;
    await navigator.clipboard.writeText(url);
    toast.show(t('calendar.copied'));
  }

  return (
    <section className="section" aria-labelledby={`${urlId}-title`} data-testid="calendar-feed">
      <h2 id={`${urlId}-title`}>{t('calendar.feedTitle')}</h2>
      <p className="muted">{t('calendar.feedIntro')}</p>
      {feed.isError && <ErrorMessage error={feed.error} onRetry={() => void feed.refetch()} />}
      {feed.data && <p data-testid="calendar-feed-state">{feed.data.active && feed.data.createdAt ? t('calendar.active', { when: f.dateTime(feed.data.createdAt) }) : t('calendar.inactive')}</p>}
      {url && (
        <div className="field">
          <label htmlFor={urlId}>{t('calendar.feedUrl')}</label>
          <input id={urlId} readOnly value={url} data-testid="calendar-feed-url" onFocus={(e) => e.currentTarget.select()} />
          <p className="hint">{t('calendar.feedUrlHint')}</p>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void handleCopy()}>
              {t('calendar.copy')}
            </button>
            <a className="button button-secondary" href={url.replace(/^https?:/, 'webcal:')}>
              {t('calendar.subscribe')}
            </a>
          </div>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={submit.busy} onClick={() => void handleRotate()} data-testid="calendar-feed-rotate">
          {feed.data?.active ? t('calendar.rotate') : t('calendar.create')}
        </button>
        {feed.data?.active && (
          <ConfirmButton label={t('calendar.revoke')} confirmLabel={t('calendar.revoke')} testId="calendar-feed-revoke" disabled={submit.busy} onConfirm={() => void handleRevoke()}>
            {t('calendar.revokeConfirm')}
          </ConfirmButton>
        )}
      </div>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </section>
  );
}
