import type { ProjectHistoryEntry } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { isEnumValue } from '../../../lib/enum-labels.ts';
import { useEnumLabel } from '../../../lib/use-enum-label.ts';
import { Section } from '../../../components/Section.tsx';

const KNOWN_ACTIONS = ['create', 'submit', 'start_review', 'request_changes', 'approve', 'sign_off', 'reject', 'withdraw', 'reopen', 'review_cleared', 'review_blocked', 'rechecked'] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];
const isKnown = (a: string): a is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(a);

/** Every transition, review, sign-off and re-check, oldest first, with who and why, all in words. */
export function HistoryTimeline({ entries }: { entries: ProjectHistoryEntry[] }) {
  const { t } = useTranslation('projects');
  const f = useFormat();
  const label = useEnumLabel();
  const status = (s: string | null) => (s !== null && isEnumValue('projectStatus', s) ? label('projectStatus', s) : null);
  return (
    <Section id="history-title" title={t('history.title')} testId="history">
      {entries.length === 0 ? (
        <p className="empty-inline">{t('history.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e, i) => {
            const from = status(e.from);
            const to = status(e.to);
            return (
              <li key={i} className="timeline-entry" data-action={e.action} data-testid="history-entry">
                <p>
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time> · <strong>{isKnown(e.action) ? t(`history.action.${e.action}`) : t('history.action.other')}</strong>
                  {to && e.from !== e.to && <span className="muted"> · {from ? t('history.moved', { from, to }) : to}</span>}
                </p>
                {e.recheck && (
                  <p data-testid="history-recheck">
                    {t('history.recheck', {
                      party: e.recheck.partyName ?? t('history.removedParty'),
                      status: isEnumValue('screeningStatus', e.recheck.status) ? label('screeningStatus', e.recheck.status) : label('screeningStatus', ''),
                    })}
                  </p>
                )}
                <p className="muted">{e.actor ? t('history.by', { who: e.actor }) : t('history.bySystem')}</p>
                {e.reason && <blockquote>{e.reason}</blockquote>}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
