import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModuleId } from '../modules.ts';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';

/**
 * The page of a module that is not built yet: what it will do and what to do meanwhile. Each module
 * page renders this until its issue replaces the body with the real thing.
 */
export function ModulePlaceholder({ module }: { module: ModuleId }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${module}`)} intro={t(`modules.${module}.summary`)} />
      <p className="prose">{t(`modules.${module}.description`)}</p>
      <EmptyState title={t('modules.nextStepTitle')}>
        <p>{t(`modules.${module}.next`)}</p>
        <Link to="/directory" className="button button-secondary">
          {t('modules.openDirectory')}
        </Link>
      </EmptyState>
    </>
  );
}
