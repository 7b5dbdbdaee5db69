import type { Dataset } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { declaredCategories, declaredKinds } from '../lib/declaration.ts';
import { useFormat } from '../../../lib/format.ts';

/** The DataCite-style description: creators, subjects, coverage, rights, related works, declaration. */
export function DatasetMetadata({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation('datasets');
  const f = useFormat();
  const { t: tc } = useTranslation();
  const none = tc('common.none');
  const kinds = declaredKinds(dataset.dataDeclaration);
  const categories = declaredCategories(dataset.dataDeclaration);
  return (
    <section className="section" aria-labelledby="ds-metadata">
      <h2 id="ds-metadata">{t('meta.title')}</h2>
      <dl className="metadata-list">
        <dt>{t('meta.creators')}</dt>
        <dd>
          <ul className="plain-list">
            {dataset.creators.map((c, i) => (
              <li key={i}>
                {c.name}
                {c.affiliation && <span className="muted"> · {c.affiliation}</span>} <SideBadge side={c.side} />
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('meta.subjects')}</dt>
        <dd>{dataset.subjects.join(', ') || none}</dd>
        <dt>{t('meta.temporal')}</dt>
        <dd>{dataset.temporalStart || dataset.temporalEnd ? `${dataset.temporalStart ?? '…'} – ${dataset.temporalEnd ?? '…'}` : none}</dd>
        <dt>{t('meta.spatial')}</dt>
        <dd>{dataset.spatial.join(', ') || none}</dd>
        <dt>{t('meta.licence')}</dt>
        <dd>
          <a href={`https://spdx.org/licenses/${encodeURIComponent(dataset.licence)}.html`} rel="noreferrer" target="_blank">
            {dataset.licence}
          </a>
        </dd>
        <dt>{t('meta.accessLevel')}</dt>
        <dd>{dataset.accessLevel === 'embargoed' ? t('access.embargoedUntil', { date: dataset.embargoUntil ?? '' }) : t(`access.${dataset.accessLevel}`)}</dd>
        <dt>{t('meta.related')}</dt>
        <dd>
          {dataset.relatedPublications.length === 0
            ? none
            : dataset.relatedPublications.map((p, i) => (
                <p key={i}>
                  {p.title} — <RelatedLink identifier={p.identifier} />
                </p>
              ))}
        </dd>
        <dt>{t('meta.declaration')}</dt>
        <dd>
          {kinds.length === 0 && categories.length === 0 && t('meta.declarationNone')}
          {kinds.map((k) => (
            <span key={k} className="badge side-other tag">
              {t(`kinds.${k}` as 'kinds.seismic', { defaultValue: k })}
            </span>
          ))}
          {categories.map((c) => (
            <span key={c.category} className="badge side-other tag">
              {t('meta.categoryCount', { category: t(`categories.${c.category}` as 'categories.personal-health', { defaultValue: c.category }), count: c.subjects })}
            </span>
          ))}
        </dd>
        <dt>{t('meta.identifier')}</dt>
        <dd>
          <code translate="no">{dataset.id}</code>
        </dd>
        <dt>{t('meta.updated')}</dt>
        <dd>{f.dateTime(dataset.updatedAt)}</dd>
      </dl>
    </section>
  );
}

function RelatedLink({ identifier }: { identifier: string }) {
  const href = /^10\.\d{4,}\//.test(identifier) ? `https://doi.org/${identifier}` : /^https?:\/\//.test(identifier) ? identifier : null;
  return href ? (
    <a href={href} rel="noreferrer" target="_blank">
      {identifier}
    </a>
  ) : (
    <span>{identifier}</span>
  );
}
