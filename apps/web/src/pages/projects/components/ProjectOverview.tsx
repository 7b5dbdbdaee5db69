import type { Project } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { fromDataset } from '../lib/data-plan.ts';
import { formatAmount, uiLang } from '../lib/lang.ts';
import { ScreeningBadge } from './ScreeningBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

/** What was proposed: both abstracts side by side, parties, data plan and budget. */
export function ProjectOverview({ project }: { project: Project }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  return (
    <>
      <section className="section" aria-labelledby="abstract-title">
        <h2 id="abstract-title">{t('detail.abstract')}</h2>
        <div className="bilingual-pair">
          {(['en', 'zh'] as const).map((l) => (
            <div key={l} className="abstract-text">
              <p className="subheading">{l === 'en' ? t('form.inEnglish') : t('form.inChinese')}</p>
              {project.abstract[l] ? (
                <p lang={l === 'en' ? 'en' : 'zh-Hans'} className="prose-block">
                  {project.abstract[l]}
                </p>
              ) : (
                <p className="badge badge-warn">{t('form.missingLanguage')}</p>
              )}
            </div>
          ))}
        </div>
      </section>
      <section className="section" aria-labelledby="parties-title">
        <h2 id="parties-title">{t('detail.parties')}</h2>
        {project.parties.length === 0 ? (
          <p className="empty-inline">{t('detail.noParties')}</p>
        ) : (
          <DataTable testId="project-parties" columns={[t('party.name'), t('party.side'), t('party.role'), t('party.screening')]}>
            {project.parties.map((p) => (
              <tr key={p.partyId} data-side={p.side}>
                <td>
                  {p.name} <span className="muted">· {t(`party.kind.${p.kind}`)}</span>
                </td>
                <td>
                  <SideBadge side={p.side} />
                </td>
                <td>{t(`party.roles.${p.role}`)}</td>
                <td>
                  <ScreeningBadge status={p.screeningStatus} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <div className="panel-grid">
        <section className="panel" aria-labelledby="dataplan-title">
          <h2 id="dataplan-title">{t('dataPlan.title')}</h2>
          {project.dataPlan.length === 0 ? (
            <p className="empty-inline">{t('detail.noDataPlan')}</p>
          ) : (
            <ul className="plain-list data-plan-list">
              {project.dataPlan.map((flow, i) => {
                const f = fromDataset(flow.direction, flow.description, flow.dataset);
                const cats = Object.entries(f.categories);
                return (
                  <li key={i}>
                    <p>
                      <strong>{t(`direction.${f.direction}`)}</strong> {flow.description && <span>— {flow.description}</span>}
                    </p>
                    {cats.length > 0 && (
                      <p className="muted">
                        {cats.map(([c, row]) => t('detail.categoryCount', { category: t(`categories.${c as keyof typeof f.categories}`), count: Number(row.subjects) })).join('; ')}
                      </p>
                    )}
                    {f.kinds.length > 0 && <p className="muted">{f.kinds.map((k) => t(`kinds.${k}`)).join(', ')}</p>}
                    {cats.length === 0 && f.kinds.length === 0 && <p className="muted">{t('dataPlan.nothingDeclared')}</p>}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="budget-title">
          <h2 id="budget-title">{t('budget.title')}</h2>
          {project.budget.length === 0 ? (
            <p className="empty-inline">{t('detail.noBudget')}</p>
          ) : (
            <DataTable className="budget-table" columns={[t('budget.side'), t('budget.item'), t('budget.amount')]}>
              {project.budget.map((b, i) => (
                <tr key={i}>
                  <td>
                    <SideBadge side={b.side} />
                  </td>
                  <td>{b.item}</td>
                  <td>{formatAmount(b.amount, b.currency, lang)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      </div>
    </>
  );
}
