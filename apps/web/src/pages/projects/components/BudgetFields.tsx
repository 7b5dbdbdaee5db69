import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { formatAmount, uiLang } from '../lib/lang.ts';
import { budgetTotals, SIDE_CURRENCY, type BudgetDraft } from '../lib/proposal.ts';
import { FieldError } from '../../../components/FieldError.tsx';
import { SideOptions } from '../../../components/SideOptions.tsx';
import { editRows, ROW_SIDES, type RowsFieldProps } from '../../../lib/rows.ts';

/** Budget lines, each paid by one side, with a running total per side. */
export function BudgetFields({ value, onChange, errorOf = () => undefined }: RowsFieldProps<BudgetDraft>) {
  const { t, i18n } = useTranslation('projects');
  const id = useId();
  const lang = uiLang(i18n.language);
  const rows = editRows(value, onChange);
  const update = rows.update;
  const totals = budgetTotals(value);

  return (
    <fieldset className="fieldset budget-fields" data-testid="budget">
      <legend>{t('budget.title')}</legend>
      <p className="hint">{t('budget.hint')}</p>
      {value.length === 0 && <p className="empty-inline">{t('budget.empty')}</p>}
      {value.map((line, i) => (
        <div className="field-row budget-line" key={i} data-side={line.side}>
          <div className="field">
            <label htmlFor={`${id}-${i}-side`}>{t('budget.side')}</label>
            <select id={`${id}-${i}-side`} value={line.side} onChange={(e) => update(i, { side: e.target.value })}>
              <SideOptions />
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-${i}-item`}>{t('budget.item')}</label>
            <input id={`${id}-${i}-item`} aria-invalid={errorOf(i, 'item') ? true : undefined} aria-describedby={errorOf(i, 'item') ? `${id}-${i}-item-error` : undefined} required maxLength={200} value={line.item} onChange={(e) => update(i, { item: e.target.value })} />
            <FieldError id={`${id}-${i}-item-error`} text={errorOf(i, 'item')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-${i}-amount`}>{t('budget.amount')}</label>
            <input id={`${id}-${i}-amount`} aria-invalid={errorOf(i, 'amount') ? true : undefined} aria-describedby={errorOf(i, 'amount') ? `${id}-${i}-amount-error` : undefined} required type="number" min={0} step="0.01" inputMode="decimal" value={line.amount} onChange={(e) => update(i, { amount: e.target.value })} />
            <FieldError id={`${id}-${i}-amount-error`} text={errorOf(i, 'amount')} />
          </div>
          <div className="field narrow-field">
            <label htmlFor={`${id}-${i}-currency`}>{t('budget.currency')}</label>
            <input id={`${id}-${i}-currency`} aria-invalid={errorOf(i, 'currency') ? true : undefined} aria-describedby={errorOf(i, 'currency') ? `${id}-${i}-currency-error` : undefined} required pattern="[A-Za-z]{3}" maxLength={3} value={line.currency} onChange={(e) => update(i, { currency: e.target.value.toUpperCase() })} />
            <FieldError id={`${id}-${i}-currency-error`} text={errorOf(i, 'currency')} />
          </div>
          <button type="button" className="button button-quiet" onClick={() => rows.remove(i)}>
            {t('form.remove')}
            <span className="visually-hidden"> {line.item}</span>
          </button>
        </div>
      ))}
      <div className="button-bar">
        {ROW_SIDES.map((side) => (
          <button key={side} type="button" className="button button-secondary" onClick={() => rows.add({ side, item: '', amount: '', currency: SIDE_CURRENCY[side] ?? 'USD' })}>
            {t('budget.add', { side })}
          </button>
        ))}
      </div>
      {totals.length > 0 && (
        <p className="budget-totals" aria-live="polite">
          {t('budget.totals')}{' '}
          {totals.map((x) => (
            <span key={`${x.side}-${x.currency}`} className="budget-total">
              <SideBadge side={x.side} /> {formatAmount(x.total, x.currency, lang)}
            </span>
          ))}
        </p>
      )}
    </fieldset>
  );
}
