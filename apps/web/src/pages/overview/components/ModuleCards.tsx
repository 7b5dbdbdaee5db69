import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MODULES } from '../../../modules.ts';

export function ModuleCards() {
  const { t } = useTranslation();
  return (
    <ul className="card-grid module-cards">
      {MODULES.map((module) => (
        <li key={module.id} className="card module-card">
          <h3>{t(`nav.${module.id}`)}</h3>
          <p>{t(`modules.${module.id}.summary`)}</p>
          <Link to={module.path} className="card-link">
            {t('overview.open', { module: t(`nav.${module.id}`) })}
            <span aria-hidden="true"> →</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
