import type { GroupDetail, Minutes } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { minutesApi } from '../../groups/api.ts';
import type { GroupAccess } from '../../groups/lib/access.ts';
import { uiLang } from '../../groups/lib/bilingual.ts';
import { formatDateTime } from '../../groups/lib/format.ts';
import { useSubmit } from '../../groups/lib/use-submit.ts';

/** Each side's co-chair approves the current revision; the minutes lock when every side has. */
export function ApprovalState({ minutes, group, access, onChanged }: { minutes: Minutes; group: GroupDetail; access: GroupAccess; onChanged: () => void }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const submit = useSubmit();
  const mySide = access.coChair ? access.me?.side : undefined;
  const canApprove = minutes.status === 'draft' && !!mySide && minutes.awaitingSides.includes(mySide);

  async function handleApprove() {
    if (await submit.run(() => minutesApi.approve(minutes.id, minutes.currentRevision))) onChanged();
  }

  return (
    <div className="approvals" data-testid="approvals">
      <h3>{t('approvals.title', { n: minutes.currentRevision })}</h3>
      <ul className="plain-list side-columns">
        {group.sides.map((side) => {
          const approval = minutes.approvals.find((a) => a.side === side);
          const chair = group.members.find((m) => m.userId === (approval?.userId ?? group.coChairs[side]));
          return (
            <li key={side} className="panel side-panel" data-side={side} data-approved={approval ? 'true' : 'false'} data-testid={`approval-${side}`}>
              <SideBadge side={side} />{' '}
              {approval ? (
                <span className="approved">{t('approvals.approvedBy', { name: chair?.displayName ?? '', at: formatDateTime(approval.at, lang) })}</span>
              ) : (
                <span className="muted">{chair ? t('approvals.awaiting', { name: chair.displayName }) : t('approvals.noCoChair')}</span>
              )}
            </li>
          );
        })}
      </ul>
      {canApprove && (
        <button type="button" className="button button-primary" data-testid="approve-minutes" disabled={submit.busy} onClick={() => void handleApprove()}>
          {t('approvals.approve', { side: mySide, n: minutes.currentRevision })}
        </button>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </div>
  );
}
