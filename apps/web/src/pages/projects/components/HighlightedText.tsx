import type { YardEvidence as Evidence } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { HighlightedText as Marked } from '../../../components/HighlightedText.tsx';

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
  const highlights = evidence.filter((e) => e.negated !== true).map((e) => ({ start: e.start, end: e.end, kind: 'term', title: t('checks.matchedTerm', { term: e.term }) }));
  return <Marked as="p" text={text} highlights={highlights} lang={lang} testId={testId} markClassName="matched-term" markTestId="matched-term" />;
}
