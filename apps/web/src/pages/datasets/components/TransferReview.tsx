import type { AccessRequest, TransferReview as Review } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { uiLang } from '../../../lib/bilingual.ts';
import { Citations, fromTransferCitation } from '../../../components/Citations.tsx';

interface TransferReviewProps {
  transfer: Review;
  /** The request's copy of the conditions, with whether each is met yet. */
  conditions?: AccessRequest['conditions'];
}

/** The policy module's verdict on moving the data across sides, with conditions and citations. */
export function TransferReview({ transfer, conditions }: TransferReviewProps) {
  const { t, i18n } = useTranslation('datasets');
  const zh = uiLang(i18n.language) === 'zh';
  const pick = (en: string, zhText: string) => (zh ? zhText : en);
  const [from, to] = transfer.direction.split('-');
  return (
    <section className={`transfer-review verdict-${transfer.verdict}`} data-testid="transfer-review" aria-label={t('transfer.title')}>
      <h4>
        {t('transfer.title')} <span className="muted">{t('transfer.direction', { from: from ?? '', to: to ?? '' })}</span>
      </h4>
      <p>
        <span className={`badge verdict-badge verdict-${transfer.verdict}`} data-testid="transfer-verdict">
          {t(`transfer.verdict.${transfer.verdict}`)}
        </span>{' '}
        <span lang={zh ? 'zh-Hans' : 'en'}>{pick(transfer.reasonEn, transfer.reasonZh)}</span>
      </p>
      {transfer.conditions.length > 0 && (
        <>
          <h5>{t('transfer.conditions')}</h5>
          <ol className="conditions">
            {transfer.conditions.map((c) => {
              const state = conditions?.find((x) => x.id === c.id);
              return (
                <li key={c.id} data-testid="transfer-condition" data-condition-id={c.id}>
                  <p>
                    <span lang={zh ? 'zh-Hans' : 'en'}>{pick(c.textEn, c.textZh)}</span>
                    {state && (
                      <span className={`badge ${state.met ? 'badge-ok' : 'badge-warn'}`}>{state.met ? t('transfer.met') : t('transfer.notMet')}</span>
                    )}
                  </p>
                  <p className="muted other-lang" lang={zh ? 'en' : 'zh-Hans'}>
                    {pick(c.textZh, c.textEn)}
                  </p>
                  <Citations citations={c.citations.map(fromTransferCitation)} />
                </li>
              );
            })}
          </ol>
        </>
      )}
      {transfer.findings.length > 0 && (
        <details className="findings">
          <summary>{t('transfer.findings', { count: transfer.findings.length })}</summary>
          <ul>
            {transfer.findings.map((f) => (
              <li key={f.id}>
                <span lang={zh ? 'zh-Hans' : 'en'}>{pick(f.textEn, f.textZh)}</span>
                <Citations citations={f.citations.map(fromTransferCitation)} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
