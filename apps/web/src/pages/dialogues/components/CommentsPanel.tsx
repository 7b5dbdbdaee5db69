import type { GroupDetail, Minutes } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { dialogueKeys, minutesApi } from '../api.ts';

/** Comments on the minutes, each tied to the revision it was written about. */
export function CommentsPanel({ minutes, group, writer }: { minutes: Minutes; group: GroupDetail; writer: boolean }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const comments = useQuery({ queryKey: dialogueKeys.comments(minutes.id), queryFn: () => minutesApi.comments(minutes.id) });
  const [body, setBody] = useState('');
  const submit = useSubmit();
  const members = new Map(group.members.map((m) => [m.userId, m]));
  useUnsavedChanges(body.trim() !== '');

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => minutesApi.comment(minutes.id, body.trim(), minutes.currentRevision), {
      success: t('comments.posted'),
      invalidate: [dialogueKeys.comments(minutes.id)],
    });
    if (ok) setBody('');
  }

  return (
    <section className="comments" aria-labelledby="comments-title" data-testid="comments">
      <h3 id="comments-title">{t('comments.title')}</h3>
      {comments.isPending && <Loading />}
      {comments.isError && <ErrorMessage error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.isSuccess && comments.data.length === 0 && <p className="muted">{t('comments.none')}</p>}
      {comments.isSuccess && comments.data.length > 0 && (
        <ul className="plain-list comment-list">
          {comments.data.map((c) => {
            const author = members.get(c.authorId);
            return (
              <li key={c.id} className="comment">
                <p className="muted small">
                  {author && <SideBadge side={author.side} />} {author?.displayName ?? t('common.unknownPerson')} · {t('minutes.revision', { n: c.revision })} · {formatDateTime(c.createdAt, lang)}
                </p>
                <p className="pre-wrap">{c.body}</p>
              </li>
            );
          })}
        </ul>
      )}
      {writer && (
        <form className="form" onSubmit={(e) => void handleSubmit(e)}>
          <div className="field">
            <label htmlFor="minutes-comment">{t('comments.add', { n: minutes.currentRevision })}</label>
            <textarea id="minutes-comment" name="comment" rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          {submit.error !== null && <ErrorMessage error={submit.error} />}
          <button type="submit" className="button button-secondary" disabled={submit.busy || !body.trim()}>
            {t('comments.post')}
          </button>
        </form>
      )}
    </section>
  );
}
