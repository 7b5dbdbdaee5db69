import type { GroupDetail, Minutes } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import type { GroupAccess } from '../../../lib/group-access.ts';
import { dialogueKeys, minutesApi } from '../api.ts';

/** Each side's co-chair approves the current revision; the minutes lock when every side has. */
export function ApprovalState({ minutes, group, access }: { minutes: Minutes; group: GroupDetail; access: GroupAccess }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const submit = useSubmit();
  const mySide = access.coChair ? access.me?.side : undefined;
  const canApprove = minutes.status === 'draft' && !!mySide && minutes.awaitingSides.includes(mySide);

  async function handleApprove() {
    const locks = minutes.awaitingSides.length === 1;
    // The notices page reads the same minutes to drop a request for approval once they lock.
    await submit.run(() => minutesApi.approve(minutes.id, minutes.currentRevision), {
      success: locks ? t('approvals.locked') : t('approvals.approved', { n: minutes.currentRevision }),
      invalidate: [dialogueKeys.minutesOf(minutes.id)],
    });
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
        <ConfirmButton
          label={t('approvals.approve', { side: mySide, n: minutes.currentRevision })}
          className="button button-primary"
          testId="approve-minutes"
          disabled={submit.busy}
          busy={submit.busy}
          confirmLabel={t('approvals.approve', { side: mySide, n: minutes.currentRevision })}
          onConfirm={() => void handleApprove()}
        >
          <p>{minutes.awaitingSides.length === 1 ? t('approvals.confirmLock') : t('approvals.confirmApprove')}</p>
        </ConfirmButton>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </div>
  );
}
