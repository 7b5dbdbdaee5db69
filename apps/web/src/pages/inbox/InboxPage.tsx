import { INBOX_MODULES, InboxModuleSchema, type InboxModule } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSubmit } from '../../hooks/use-submit.ts';
import { uiLang } from '../../lib/bilingual.ts';
import { inboxApi, inboxKeys, type InboxFilter } from './api.ts';
import { MailPreferencesSection } from './components/MailPreferencesForm.tsx';
import { NoticeList } from './components/NoticeList.tsx';
import './inbox.css';

const STATES = ['all', 'unread', 'read'] as const;

/** Every module's notices with filters by module and state, mark read, and the mail settings. */
export function InboxPage() {
  const { t, i18n } = useTranslation('inbox');
  const [params, setParams] = useSearchParams();
  const parsedModule = InboxModuleSchema.safeParse(params.get('module'));
  const state = STATES.find((s) => s === params.get('state')) ?? 'all';
  const filter: InboxFilter = { module: parsedModule.success ? parsedModule.data : undefined, state, lang: uiLang(i18n.language) };
  const list = useQuery({ queryKey: inboxKeys.list(filter), queryFn: () => inboxApi.list(filter) });
  const submit = useSubmit();
  const setFilter = (key: 'module' | 'state', value: string) => {
    const next = new URLSearchParams(params);
    if (value === '' || value === 'all') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const handleMarkAll = () =>
    void submit.run(() => inboxApi.markAll(filter.module ? { module: filter.module } : {}), { invalidate: [inboxKeys.all] });
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')}>
        <button type="button" className="button button-secondary" data-testid="inbox-mark-all" disabled={submit.busy || !list.data?.unread} onClick={handleMarkAll}>
          {t('markAllRead')}
        </button>
      </PageHeader>
      <fieldset className="inbox-filters">
        <legend>{t('filters.legend')}</legend>
        <label>
          {t('filters.module')}{' '}
          <select name="module" data-testid="inbox-filter-module" value={filter.module ?? ''} onChange={(e) => setFilter('module', e.target.value)}>
            <option value="">{t('filters.allModules')}</option>
            {INBOX_MODULES.map((m: InboxModule) => (
              <option key={m} value={m}>
                {t(`modules.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.state')}{' '}
          <select name="state" data-testid="inbox-filter-state" value={state} onChange={(e) => setFilter('state', e.target.value)}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <EmptyState title={t('empty')}>
            <p>{t('emptyHint')}</p>
          </EmptyState>
        ) : (
          <NoticeList items={list.data.items} />
        ))}
      <MailPreferencesSection />
    </>
  );
}
