import { useTranslation } from 'react-i18next';
import { htmlLang, pickPair, uiLang } from '../lib/lang.ts';
import type { TransferResult } from '@qiao/contracts';
import { Citations } from '../../../components/Citations.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

/** One data flow's verdict under the exporting side's rules, with what to do first and why. */
export function TransferResultView({ result, compact = false }: { result: TransferResult; compact?: boolean }) {
  const { t, i18n } = useTranslation('projects');
  const lang = uiLang(i18n.language);
  return (
    <div className={`transfer-result verdict-box-${result.verdict}`} data-testid="transfer-result">
      <p className="verdict-line">
        <VerdictBadge verdict={result.verdict} testId="transfer-verdict" /> <span className="muted">{t(`direction.${result.direction}`)}</span>{' '}
        <span lang={htmlLang(lang)}>{pickPair(result.reason, lang)}</span>
      </p>
      {result.conditions.length > 0 && (
        <>
          <p className="subheading">{t('checks.conditions')}</p>
          <ol className="conditions">
            {result.conditions.map((c) => (
              <li key={c.id} data-testid="transfer-condition">
                <span lang={htmlLang(lang)}>{pickPair(c.text, lang)}</span>
                {!compact && <Citations citations={c.citations} className="project-citations" />}
              </li>
            ))}
          </ol>
        </>
      )}
      {!compact && result.findings.length > 0 && (
        <details>
          <summary>{t('checks.findings', { count: result.findings.length })}</summary>
          <ul className="findings">
            {result.findings.map((f, i) => (
              <li key={`${f.id}-${i}`}>
                <span className={`badge effect-${f.effect}`}>{t(`effect.${f.effect}`)}</span>{' '}
                <span lang={htmlLang(lang)}>
                  {pickPair(f.text, lang)}
                  {f.detail && <> — {pickPair(f.detail, lang)}</>}
                </span>
                <Citations citations={f.citations} className="project-citations" />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
