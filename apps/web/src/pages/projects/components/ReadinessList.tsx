import { useTranslation } from 'react-i18next';
import type { Readiness } from '../lib/proposal.ts';

/** What must hold before the proposal can be submitted, ticked off as the form fills in. */
export function ReadinessList({ readiness }: { readiness: Readiness }) {
  const { t } = useTranslation('projects');
  const items = [
    { key: 'titles', done: readiness.bothTitles, text: t('ready.titles') },
    { key: 'abstracts', done: readiness.bothAbstracts, text: t('ready.abstracts') },
    {
      key: 'sides',
      done: readiness.missingSides.length === 0,
      text: readiness.missingSides.length === 0 ? t('ready.sides') : t('ready.missingSides', { sides: readiness.missingSides.join(', ') }),
    },
  ];
  return (
    <div className="readiness" data-testid="readiness">
      <p className="subheading">{t('ready.title')}</p>
      <ul className="plain-checklist">
        {items.map((item) => (
          <li key={item.key} className={item.done ? 'done' : 'todo'}>
            <span aria-hidden="true">{item.done ? '✓' : '○'}</span> <span className="visually-hidden">{item.done ? t('ready.done') : t('ready.todo')}: </span>
            {item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
