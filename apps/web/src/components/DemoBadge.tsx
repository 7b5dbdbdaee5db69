import { useTranslation } from 'react-i18next';

/** Marks records seeded as demo data, so nobody mistakes them for real partners. */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-demo" title={t('app.demoTitle')}>
      {t('app.demo')}
    </span>
  );
}
