import type { IndicatorRevision } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { Section } from '../../../components/Section.tsx';

/** Every version of the series, newest first, each with the values it had then. */
export function RevisionHistory({ revisions, current }: { revisions: IndicatorRevision[]; current: number }) {
  const { t, i18n } = useTranslation('indicators');
  const zh = i18n.language.startsWith('zh');
  const f = useFormat();
  return (
    <Section id="ind-history" title={t('history.title')} testId="revision-history">
      {revisions.length === 0 ? (
        <p className="empty-inline">{t('history.none')}</p>
      ) : (
        <ol className="revisions">
          {revisions.map((r) => (
            <li key={r.version} data-testid="revision">
              <details>
                <summary>
                  {t('history.version', { version: r.version })}
                  {r.version === current && ` (${t('history.current')})`} · {f.dateTime(r.at)} · {r.actorEmail ?? t('history.system')}
                </summary>
                <p>
                  {zh ? r.series.nameZh : r.series.nameEn} · {zh ? r.series.unitZh : r.series.unitEn}
                </p>
                <p className="mono revision-values">{r.series.values.map((v) => `${v.period} ${v.country}${v.category ? ` ${v.category}` : ''} ${f.number(v.value)}`).join('; ') || t('history.noValues')}</p>
              </details>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
