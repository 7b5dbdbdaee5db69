import type { Project } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { formatDateTime, uiLang } from '../lib/lang.ts';

const SIDES = ['US', 'CN'] as const;

/** Each side's co-chair sign-off on the current checks; approval needs both. */
export function SignOffs({ project }: { project: Project }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  const runAt = project.checks?.runAt;
  return (
    <section className="section" aria-labelledby="signoffs-title" data-testid="signoffs">
      <h2 id="signoffs-title">{t('signOffs.title')}</h2>
      <p className="muted">{t('signOffs.intro')}</p>
      <ul className="side-columns plain-list">
        {SIDES.map((side) => {
          const s = project.signOffs.find((o) => o.side === side && o.checksRunAt === runAt);
          return (
            <li key={side} className={`panel signoff ${s ? 'signed' : 'unsigned'}`} data-testid={`signoff-${side}`} data-signed={s ? 'true' : 'false'}>
              <p>
                <SideBadge side={side} /> <strong>{t('signOffs.coChair', { side })}</strong>
              </p>
              <p>{s ? t('signOffs.signed', { who: s.coChair, at: formatDateTime(s.at, lang) }) : t('signOffs.waiting')}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
