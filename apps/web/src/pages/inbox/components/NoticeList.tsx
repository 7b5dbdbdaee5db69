import type { InboxItem } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useFormat } from '../../../lib/format.ts';
import { inboxApi, inboxKeys } from '../api.ts';

/** Notices, newest first; each leads to its object and can be marked read. */
export function NoticeList({ items }: { items: InboxItem[] }) {
  const { t } = useTranslation('inbox');
  const f = useFormat();
  const submit = useSubmit();
  return (
    <ul className="inbox-list" aria-label={t('list')} data-testid="inbox-list">
      {items.map((n) => (
        <li key={n.id} className={n.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'} data-testid="inbox-item" data-kind={n.kind} data-entity-id={n.entityId} data-read={n.readAt ? 'true' : 'false'}>
          <div className="inbox-item-head">
            {!n.readAt && <span className="inbox-new">{t('unreadBadge')}</span>}
            <span className="muted">{t(`modules.${n.module}`)}</span>
            <time className="muted" dateTime={n.createdAt}>
              {f.dateTime(n.createdAt)}
            </time>
          </div>
          <p className="inbox-item-title">
            <Link to={n.link} data-testid="inbox-item-link">
              {n.title}
            </Link>
          </p>
          <p className="inbox-item-body">{n.body}</p>
          {!n.readAt && (
            <button type="button" className="button button-quiet" data-testid="inbox-mark-read" disabled={submit.busy} onClick={() => void submit.run(() => inboxApi.markRead([n.id]), { invalidate: [inboxKeys.all] })}>
              {t('markRead')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
