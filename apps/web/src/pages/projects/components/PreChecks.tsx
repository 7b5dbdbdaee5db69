import type { Project } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { buildCheckText, evidenceIn, TEXT_PARTS, type TextParts } from '../lib/check-text.ts';
import { formatDateTime, uiLang } from '../lib/lang.ts';
import { TransferResultSchema } from '@qiao/contracts';
import { HighlightedText } from './HighlightedText.tsx';
import { ScreeningResults } from './ScreeningResults.tsx';
import { TechnologyResult } from './TechnologyResult.tsx';
import { TransferResultView } from './TransferResultView.tsx';

const ABSTRACTS = [
  { part: 'abstractEn', lang: 'en' },
  { part: 'abstractZh', lang: 'zh-Hans' },
] as const;

function partsOf(p: Project): TextParts {
  return {
    titleEn: p.title.en ?? '',
    titleZh: p.title.zh ?? '',
    technologyArea: p.technologyArea,
    abstractEn: p.abstract.en ?? '',
    abstractZh: p.abstract.zh ?? '',
    keywords: p.keywords.join(', '),
  };
}

/** The automatic pre-checks as they ran at the last submit (or re-check): screening, technology, transfers. */
export function PreChecks({ project }: { project: Project }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  const checks = project.checks;
  if (!checks) {
    return (
      <section className="section" aria-labelledby="checks-title">
        <h2 id="checks-title">{t('checks.title')}</h2>
        <p className="empty-inline">{t('checks.notRun')}</p>
      </section>
    );
  }
  const technology = checks.technology;
  // The offsets refer to the text as it was checked; after an edit, only marks that still fit are shown.
  const parts = partsOf(project);
  const checkText = buildCheckText(parts);
  const evidence = technology?.evidence.filter((e) => checkText.text.slice(e.start, e.end) === e.text) ?? [];

  return (
    <section className="section prechecks" aria-labelledby="checks-title" data-testid="prechecks">
      <h2 id="checks-title">{t('checks.title')}</h2>
      <p className="muted">{t('checks.ranAt', { at: formatDateTime(checks.runAt, lang), trigger: checks.trigger })}</p>
      <div className="panel-grid prechecks-grid">
        <article className="panel" aria-labelledby="checks-screening">
          <h3 id="checks-screening">{t('checks.screening')}</h3>
          <ScreeningResults rows={checks.screening} />
        </article>
        <article className="panel" aria-labelledby="checks-technology">
          <h3 id="checks-technology">{t('checks.technology')}</h3>
          {technology ? (
            <TechnologyResult result={technology} headingLevel="h4">
              {ABSTRACTS.map(({ part, lang: l }) => {
                const own = evidenceIn(checkText, parts, part, evidence);
                return own.length > 0 ? <HighlightedText key={part} text={parts[part]} evidence={own} lang={l} testId={`checked-${part}`} /> : null;
              })}
              {TEXT_PARTS.filter((p) => p !== 'abstractEn' && p !== 'abstractZh').some((p) => evidenceIn(checkText, parts, p, evidence).length > 0) && (
                <p className="hint">{t('checks.alsoInOtherFields')}</p>
              )}
            </TechnologyResult>
          ) : (
            <p className="empty-inline">{t('checks.notRun')}</p>
          )}
        </article>
        <article className="panel" aria-labelledby="checks-transfers">
          <h3 id="checks-transfers">{t('checks.transfers')}</h3>
          {checks.transfers.length === 0 && <p className="empty-inline">{t('checks.noTransfers')}</p>}
          {checks.transfers.map(({ result }, i) => {
            const parsed = TransferResultSchema.safeParse(result);
            const r = parsed.success ? parsed.data : null;
            return r ? <TransferResultView key={i} result={r} /> : null;
          })}
        </article>
      </div>
    </section>
  );
}
