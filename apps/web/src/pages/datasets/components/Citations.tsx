import type { TransferCondition } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { uiLang } from '../lib/bilingual.ts';

type Citation = TransferCondition['citations'][number];

/** The legal sources behind a condition or finding, in the reader's language with the other beside it. */
export function Citations({ citations }: { citations: readonly Citation[] }) {
  const { t, i18n } = useTranslation('datasets');
  if (citations.length === 0) return null;
  const zh = uiLang(i18n.language) === 'zh';
  return (
    <ul className="citations" aria-label={t('transfer.citations')}>
      {citations.map((c, i) => (
        <li key={i} data-testid="citation">
          <span className="citation-instrument">
            <span lang={zh ? 'zh-Hans' : 'en'}>{zh ? c.instrumentZh : c.instrumentEn}</span>
            <span className="muted" lang={zh ? 'en' : 'zh-Hans'}>
              {' '}
              ({zh ? c.instrumentEn : c.instrumentZh})
            </span>
          </span>
          {', '}
          {c.provision}
          {c.url && (
            <>
              {' · '}
              <a href={c.url} rel="noreferrer" target="_blank">
                {t('transfer.source')}
              </a>
            </>
          )}
          <span className="muted"> · {t('transfer.asOf', { date: c.asOf })}</span>
        </li>
      ))}
    </ul>
  );
}
