import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { projectsApi } from '../api.ts';
import { useLiveCheck } from '../hooks/use-live-check.ts';
import { buildCheckText, evidenceIn, TEXT_PARTS, type TextPart, type TextParts } from '../lib/check-text.ts';
import { HighlightedText } from './HighlightedText.tsx';
import { TechnologyResult } from './TechnologyResult.tsx';

const PART_LANG: Record<TextPart, string | undefined> = {
  titleEn: 'en',
  titleZh: 'zh-Hans',
  technologyArea: undefined,
  abstractEn: 'en',
  abstractZh: 'zh-Hans',
  keywords: undefined,
};

/**
 * The technology yard's verdict on the proposal as it is typed: the same text the submit checks,
 * sent a moment after typing stops, with the matched terms marked in the field they came from.
 */
export function LivePreCheck({ parts }: { parts: TextParts }) {
  const { t } = useTranslation('projects');
  const check = buildCheckText(parts);
  const live = useLiveCheck(check.text, () => projectsApi.classify(check.text));
  const result = live.status === 'ready' ? live.data : live.status === 'checking' || live.status === 'error' ? live.last : null;
  // A result for older text would mark the wrong characters; only mark when it is current.
  const current = live.status === 'ready';

  return (
    <section className="panel live-precheck" aria-labelledby="live-precheck-title" data-testid="live-precheck" data-state={live.status}>
      <h2 id="live-precheck-title">{t('live.title')}</h2>
      <div aria-live="polite" aria-busy={live.status === 'checking'}>
        {live.status === 'idle' && <p className="muted">{t('live.idle')}</p>}
        {live.status === 'checking' && <p className="muted">{t('live.checking')}</p>}
        {live.status === 'ready' && <p className="visually-hidden">{t('live.announce', { verdict: t(`verdict.${live.data.verdict}`) })}</p>}
      </div>
      {live.status === 'error' && <ErrorMessage error={live.error} />}
      {result && (
        <TechnologyResult result={result}>
          {current &&
            TEXT_PARTS.map((part) => {
              const evidence = evidenceIn(check, parts, part, result.evidence);
              if (evidence.length === 0) return null;
              return (
                <div key={part} className="highlight-block">
                  <p className="subheading">{t(`live.part.${part}`)}</p>
                  <HighlightedText text={parts[part]} evidence={evidence} lang={PART_LANG[part]} testId={`highlight-${part}`} />
                </div>
              );
            })}
        </TechnologyResult>
      )}
      <p className="hint">{t('live.note')}</p>
    </section>
  );
}
