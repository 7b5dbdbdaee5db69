import type { AgendaItem, GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { ConvergenceControl } from './ConvergenceControl.tsx';
import { PositionPanel } from './PositionPanel.tsx';
import type { GroupAccess } from '../../../lib/group-access.ts';

/**
 * One agenda item: each side's position and concerns side by side (a side writes only its own), and
 * the convergence status with every change kept.
 */
export function AgendaItemCard({ item, group, access }: { item: AgendaItem; group: GroupDetail; access: GroupAccess }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  return (
    <li className="panel agenda-item" data-testid="agenda-item" data-item-id={item.id} data-convergence={item.convergence}>
      <div className="section-header">
        <Bilingual text={item.title}>{(title, l) => <h3 lang={l}>{title}</h3>}</Bilingual>
        <span>
          {t('convergence.label')} <StatusBadge kind="convergence" value={item.convergence} />
        </span>
      </div>
      {item.description && (
        <Bilingual text={item.description}>
          {(text, l) => (
            <p className="prose pre-wrap" lang={l}>
              {text}
            </p>
          )}
        </Bilingual>
      )}
      <div className="side-columns">
        {group.sides.map((side) => (
          <PositionPanel
            key={side}
            itemId={item.id}
            roundId={item.roundId}
            side={side}
            position={item.positions.find((p) => p.side === side)}
            canEdit={access.member && access.me?.side === side}
            authorName={(id) => names.get(id) ?? t('common.unknownPerson')}
          />
        ))}
      </div>
      {access.coChair && <ConvergenceControl item={item} />}
      {item.history.length > 0 && (
        <details className="history" data-testid="convergence-history">
          <summary>{t('convergence.history', { count: item.history.length })}</summary>
          <ol className="plain-list">
            {item.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                {formatDateTime(h.at, lang)} · {names.get(h.actorId) ?? t('common.unknownPerson')}: <StatusBadge kind="convergence" value={h.from} /> →{' '}
                <StatusBadge kind="convergence" value={h.to} />
                {h.note && <q className="history-note">{h.note}</q>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
