import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUser } from '../../session/session-context.ts';
import { AlertsView } from './components/AlertsView.tsx';
import { BatchView } from './components/BatchView.tsx';
import { ListsView } from './components/ListsView.tsx';
import { PartiesView } from './components/PartiesView.tsx';
import { PartyDetailView } from './components/PartyDetailView.tsx';
import { SearchView } from './components/SearchView.tsx';
import './screening.css';

/** Restricted-party screening: search, the parties registry with decisions, alerts, batches and lists. */
export function ScreeningPage() {
  const { t } = useTranslation('screening');
  const { t: tShell } = useTranslation();
  const officer = useUser().roles.some((r) => r.role === 'compliance_officer');
  // Absolute paths: this component sits on the `screening/*` splat route, where a relative link
  // resolves against the whole current address and would add a segment on every click.
  const tabs = [
    { to: '/screening', label: t('tabs.search'), end: true },
    { to: '/screening/parties', label: t('tabs.parties') },
    ...(officer ? [{ to: '/screening/alerts', label: t('tabs.alerts') }] : []),
    { to: '/screening/batch', label: t('tabs.batch') },
    { to: '/screening/lists', label: t('tabs.lists') },
  ];
  return (
    <>
      <PageHeader title={t('title')} intro={t('intro')} />
      <nav className="tabs" aria-label={t('tabs.label')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end ?? false} className={({ isActive }) => `tab${isActive ? ' tab-active' : ''}`} data-testid="screening-tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<SearchView />} />
        <Route path="parties" element={<PartiesView />} />
        <Route path="parties/:id" element={<PartyDetailView />} />
        <Route
          path="alerts"
          element={
            officer ? (
              <AlertsView />
            ) : (
              // Alerts go to compliance officers; others are told so instead of asking the server.
              <div className="alert alert-error" role="alert">
                <p>{tShell('errors.forbidden')}</p>
              </div>
            )
          }
        />
        <Route path="batch" element={<BatchView />} />
        <Route path="lists" element={<ListsView />} />
      </Routes>
    </>
  );
}
