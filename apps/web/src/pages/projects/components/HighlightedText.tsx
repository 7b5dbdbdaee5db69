import { useTranslation } from 'react-i18next';
import { segment } from '../lib/highlight.ts';
import type { YardEvidence as Evidence } from '@qiao/contracts';

interface HighlightedTextProps {
  text: string;
  /** Offsets relative to `text`. */
  evidence: readonly Evidence[];
  lang?: string;
  testId?: string;
}

/** Text with the technology yard's matched terms marked, each mark naming its dictionary term. */
export function HighlightedText({ text, evidence, lang, testId }: HighlightedTextProps) {
  const { t } = useTranslation('projects');
  // A negated term ("does not involve …") is evidence against its area, so it is not marked as a hit.
  const parts = segment(text, evidence.filter((e) => e.negated !== true).map((e) => ({ start: e.start, end: e.end, term: e.term })));
  return (
    <p className="highlighted-text" lang={lang} data-testid={testId}>
      {parts.map((part, i) =>
        part.term === null ? (
          <span key={i}>{part.text}</span>
        ) : (
          <mark key={i} className="matched-term" title={t('checks.matchedTerm', { term: part.term })} data-testid="matched-term">
            {part.text}
          </mark>
        ),
      )}
    </p>
  );
}
