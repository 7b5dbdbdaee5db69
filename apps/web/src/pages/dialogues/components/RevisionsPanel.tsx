import type { GroupDetail, Minutes } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { dialogueKeys, minutesApi } from '../api.ts';
import { StatusBadge } from '../../../components/StatusBadge.tsx';

/** Every revision of the minutes, newest first, with who wrote it and why. */
export function RevisionsPanel({ minutes, group }: { minutes: Minutes; group: GroupDetail }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  // Keyed by the current revision too, so a new revision is read even before the minutes are refetched.
  const revisions = useQuery({ queryKey: [...dialogueKeys.revisions(minutes.id), minutes.currentRevision], queryFn: () => minutesApi.revisions(minutes.id) });
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  return (
    <details className="form-panel" data-testid="revisions">
      <summary>{t('revisions.title', { count: minutes.currentRevision })}</summary>
      <div className="panel-body">
        {revisions.isPending && <Loading />}
        {revisions.isError && <ErrorMessage error={revisions.error} onRetry={() => void revisions.refetch()} />}
        {revisions.isSuccess && (
          <ol className="plain-list revision-list" reversed>
            {[...revisions.data].reverse().map((r) => (
              <li key={r.number}>
                <p>
                  <strong>{t('minutes.revision', { n: r.number })}</strong> · {names.get(r.authorId) ?? t('common.unknownPerson')} · {formatDateTime(r.createdAt, lang)}
                  {r.number === minutes.lockedRevision && <StatusBadge kind="minutesStatus" value="locked" />}
                </p>
                {r.note && <p className="muted">{t('revisions.note', { note: r.note })}</p>}
                <Bilingual text={r.body}>
                  {(text, l) => (
                    <p className="prose pre-wrap small" lang={l}>
                      {text}
                    </p>
                  )}
                </Bilingual>
              </li>
            ))}
          </ol>
        )}
      </div>
    </details>
  );
}
