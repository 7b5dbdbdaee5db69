import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} intro={t('notFound.body')} />
      <Link to="/" className="button button-secondary">
        {t('notFound.home')}
      </Link>
    </>
  );
}
