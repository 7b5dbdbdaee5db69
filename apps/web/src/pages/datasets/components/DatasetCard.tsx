import type { Dataset } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { AccessBadge } from './AccessBadge.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';

export function DatasetCard({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation('datasets');
  const coverage = [dataset.temporalStart, dataset.temporalEnd].filter(Boolean).join(' – ');
  return (
    <li className="card dataset-card" data-side={dataset.side} data-testid="dataset-card">
      <Bilingual text={dataset.title}>
        {(title, lang) => (
          <h2 className="dataset-card-title" lang={lang}>
            <Link to={dataset.id} className="card-link">
              {title}
            </Link>
            {dataset.isDemo && <DemoBadge />}
          </h2>
        )}
      </Bilingual>
      <p className="dataset-meta">
        <SideBadge side={dataset.side} /> <AccessBadge level={dataset.accessLevel} embargoUntil={dataset.embargoUntil} />{' '}
        <span className="badge side-other">{dataset.licence}</span>
      </p>
      <dl className="dataset-facts">
        {dataset.subjects.length > 0 && (
          <>
            <dt>{t('meta.subjects')}</dt>
            <dd>{dataset.subjects.join(', ')}</dd>
          </>
        )}
        {coverage && (
          <>
            <dt>{t('meta.temporal')}</dt>
            <dd>{coverage}</dd>
          </>
        )}
        {dataset.spatial.length > 0 && (
          <>
            <dt>{t('meta.spatial')}</dt>
            <dd>{dataset.spatial.join(', ')}</dd>
          </>
        )}
        <dt>{t('meta.version')}</dt>
        <dd>{dataset.latestVersion > 0 ? t('meta.versionN', { n: dataset.latestVersion }) : t('meta.noPublishedVersion')}</dd>
      </dl>
    </li>
  );
}
