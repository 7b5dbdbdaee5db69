import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryData } from '../../../api/directory-data.ts';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';

function countBy(items: readonly { side: string }[], side: string): number {
  return items.filter((item) => item.side === side).length;
}

/** One card per side with its organisations and people, each linking to the filtered directory. */
export function SideCounts({ sides, organizations, people }: DirectoryData) {
  const { t, i18n } = useTranslation();
  const hasDemo = organizations.some((org) => org.isDemo) || people.some((person) => person.isDemo);
  return (
    <>
      <ul className="card-grid side-counts">
      {sides.map((side) => (
        <li key={side.code} className="card" data-side={side.code}>
          <h3>
            <SideBadge side={side.code} /> {i18n.language === 'zh' ? side.nameZh : side.nameEn}
          </h3>
          <dl className="stats">
            <div>
              <dt>{t('overview.organizations')}</dt>
              <dd>
                <Link to={`/directory?side=${side.code}`}>{countBy(organizations, side.code)}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('overview.people')}</dt>
              <dd>
                <Link to={`/directory?side=${side.code}#people`}>{countBy(people, side.code)}</Link>
              </dd>
            </div>
          </dl>
        </li>
      ))}
      </ul>
      {hasDemo && (
        <p className="demo-note">
          <DemoBadge /> {t('overview.demoNote')}
        </p>
      )}
    </>
  );
}
