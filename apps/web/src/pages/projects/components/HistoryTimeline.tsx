import { PROJECT_STATUSES, type ProjectStatus } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api.ts';
import { formatDateTime, uiLang } from '../lib/lang.ts';

const KNOWN_ACTIONS = ['create', 'submit', 'start_review', 'request_changes', 'approve', 'sign_off', 'reject', 'withdraw', 'reopen', 'review_cleared', 'review_blocked', 'rechecked'] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];
const isKnown = (a: string): a is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(a);
const isStatus = (s: string | null): s is ProjectStatus => s !== null && (PROJECT_STATUSES as readonly string[]).includes(s);

/** Every transition, review and sign-off, oldest first, with who and why. */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  return (
    <section className="section" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">{t('history.title')}</h2>
      {entries.length === 0 ? (
        <p className="empty-inline">{t('history.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e, i) => (
            <li key={i} className="timeline-entry" data-action={e.action}>
              <p>
                <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> · <strong>{isKnown(e.action) ? t(`history.action.${e.action}`) : e.action}</strong>
                {isStatus(e.to) && e.from !== e.to && (
                  <span className="muted"> · {isStatus(e.from) ? t('history.moved', { from: t(`status.${e.from}`), to: t(`status.${e.to}`) }) : t(`status.${e.to}`)}</span>
                )}
              </p>
              <p className="muted">{e.actor ? t('history.by', { who: e.actor }) : t('history.bySystem')}</p>
              {e.reason && <blockquote>{e.reason}</blockquote>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
