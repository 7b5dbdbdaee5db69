import { MEMBER_ROLES, type GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';

/** Members in one column per side, co-chair first, so parity is visible at a glance. */
export function MembersSection({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <div className="side-columns" data-testid="members">
        {group.sides.map((side) => {
          const members = group.members.filter((m) => m.side === side).sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role));
          return (
            <div key={side} className="panel side-panel" data-side={side} data-testid={`members-${side}`}>
              <h3>
                <SideBadge side={side} /> {t('members.side', { side })}
              </h3>
              {members.length === 0 ? (
                <p className="muted">{t('members.none')}</p>
              ) : (
                <ul className="plain-list member-list">
                  {members.map((m) => (
                    <li key={m.userId} data-role={m.role}>
                      <strong>{m.displayName}</strong> <span className="muted">· {t(`members.role.${m.role}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
