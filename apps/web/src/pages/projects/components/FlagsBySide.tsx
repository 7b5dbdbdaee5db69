import type { Project, ProjectFlag, User } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { formatDateTime, uiLang } from '../lib/lang.ts';
import { ReviewForm } from './ReviewForm.tsx';

const SIDES = ['US', 'CN'] as const;
const REVIEWABLE = ['submitted', 'under_review'];

/** The technology flag's evidence names the matched terms; other kinds are detailed in the pre-checks. */
function matchedTerms(flag: ProjectFlag): string[] {
  const evidence = flag.evidence as { areas?: { matched?: unknown }[] } | null;
  if (flag.kind !== 'technology' || !evidence || !Array.isArray(evidence.areas)) return [];
  return [...new Set(evidence.areas.flatMap((a) => (Array.isArray(a.matched) ? a.matched.filter((m): m is string => typeof m === 'string') : [])))];
}

interface FlagsBySideProps {
  project: Project;
  user: User;
  onChanged: (next: Project) => void;
}

/** Each side's flags, its compliance officer's decision on them, and the review form for that officer. */
export function FlagsBySide({ project, user, onChanged }: FlagsBySideProps) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  const checks = project.checks;
  if (!checks) return null;
  return (
    <section className="section" aria-labelledby="flags-title" data-testid="flags">
      <h2 id="flags-title">{t('flags.title')}</h2>
      <p className="muted">{t('flags.intro')}</p>
      <div className="side-columns">
        {SIDES.map((side) => {
          const flags = checks.flags.filter((f) => f.side === side);
          const review = project.reviews.find((r) => r.side === side && r.checksRunAt === checks.runAt);
          const officer = user.roles.some((r) => r.role === 'compliance_officer' && r.side === side);
          const ownSides = user.roles.filter((r) => r.role === 'compliance_officer' && r.side !== side).map((r) => r.side);
          const pending = project.pendingReviewSides.includes(side);
          return (
            <article key={side} className={`panel side-panel side-panel-${side.toLowerCase()}`} aria-labelledby={`flags-${side}`} data-testid={`flags-${side}`}>
              <h3 id={`flags-${side}`}>
                <SideBadge side={side} /> {t('flags.sideTitle', { side })}
              </h3>
              {flags.length === 0 ? (
                <p className="empty-inline">{t('flags.none')}</p>
              ) : (
                <ul className="flag-list">
                  {flags.map((flag) => (
                    <li key={flag.id} className={`flag flag-${flag.severity}`} data-testid="flag" data-kind={flag.kind} data-severity={flag.severity}>
                      <p>
                        <span className="badge badge-warn">{t(`flags.kind.${flag.kind}`)}</span>{' '}
                        {review ? (
                          <span className={`badge review-badge review-${review.decision}`} data-testid="flag-state" data-state={review.decision}>
                            {t(`review.${review.decision}`)}
                          </span>
                        ) : (
                          <span className={`badge severity-${flag.severity}`} data-testid="flag-state" data-state={flag.severity}>
                            {t(`flags.severity.${flag.severity}`)}
                          </span>
                        )}
                      </p>
                      <p lang={lang === 'zh' ? 'zh-Hans' : 'en'}>{lang === 'zh' ? flag.summaryZh : flag.summaryEn}</p>
                      {matchedTerms(flag).length > 0 && (
                        <p className="muted">
                          {t('checks.matched')}{' '}
                          {matchedTerms(flag).map((term) => (
                            <mark key={term} className="matched-term tag">
                              {term}
                            </mark>
                          ))}
                        </p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {review && (
                <div className={`review-outcome review-${review.decision}`} data-testid={`review-${side}`} data-decision={review.decision}>
                  <p>
                    <strong>{t(`review.${review.decision}`)}</strong> · {t('review.by', { who: review.reviewer, at: formatDateTime(review.at, lang) })}
                  </p>
                  <blockquote>{review.reason}</blockquote>
                </div>
              )}
              {pending && !officer && <p className="hint">{t('flags.waiting', { side })}</p>}
              {!officer && flags.length > 0 && ownSides.length > 0 && (
                <p className="hint" data-testid={`other-side-note-${side}`}>
                  {t('flags.otherSide', { side, own: ownSides.join(', ') })}
                </p>
              )}
              {officer && flags.length > 0 && !review && REVIEWABLE.includes(project.status) && (
                <ReviewForm project={project} side={side} canClear={!flags.some((f) => f.severity === 'blocking')} onReviewed={onChanged} />
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}
