import type { IndicatorSeries } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

/** Where the numbers come from, shown under every chart; unverified figures say so. */
export function SourceNote({ series }: { series: IndicatorSeries }) {
  const { t } = useTranslation('indicators');
  const { source } = series;
  if (series.kind === 'live') {
    return (
      <p className="indicator-source" data-testid="indicator-source">
        {t('source.live', { date: source.retrievedOn })}
      </p>
    );
  }
  return (
    <p className="indicator-source" data-testid="indicator-source">
      <span className="label">{t('source.label')}</span> {source.publisher},{' '}
      {source.url ? (
        <a href={source.url} rel="noreferrer" target="_blank">
          {source.title}
        </a>
      ) : (
        <cite>{source.title}</cite>
      )}
      {'. '}
      {t('source.retrieved', { date: source.retrievedOn })}
      {!source.verified && (
        <span className="badge badge-warn" title={t('source.unverifiedHint')} data-testid="unverified-source">
          {t('source.unverified')}
        </span>
      )}
    </p>
  );
}
