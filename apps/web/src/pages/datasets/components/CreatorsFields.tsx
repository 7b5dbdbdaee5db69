import type { Creator } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../../components/FieldError.tsx';
import { SideOptions } from '../../../components/SideOptions.tsx';
import { editRows, type RowsFieldProps } from '../../../lib/rows.ts';

/** DataCite creators: a name, an affiliation and the side each belongs to. */
export function CreatorsFields({ value, onChange, errorOf = () => undefined }: RowsFieldProps<Creator>) {
  const { t } = useTranslation('datasets');
  const { t: tc } = useTranslation();
  const rows = editRows(value, onChange);
  const set = rows.update;
  return (
    <fieldset className="fieldset">
      <legend>{t('create.creators')}</legend>
      {value.map((c, i) => (
        <div className="field-row creator-row" key={i}>
          <div className="field">
            <label htmlFor={`creator-${i}-name`}>{t('create.creatorName', { n: i + 1 })}</label>
            <input
              id={`creator-${i}-name`}
              name={`creator-${i}-name`}
              required
              maxLength={200}
              aria-invalid={errorOf(i, 'name') ? true : undefined}
              aria-describedby={errorOf(i, 'name') ? `creator-${i}-name-error` : undefined}
              value={c.name}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <FieldError id={`creator-${i}-name-error`} text={errorOf(i, 'name')} />
          </div>
          <div className="field">
            <label htmlFor={`creator-${i}-aff`}>{t('create.creatorAffiliation')}</label>
            <input
              id={`creator-${i}-aff`}
              name={`creator-${i}-affiliation`}
              maxLength={300}
              aria-invalid={errorOf(i, 'affiliation') ? true : undefined}
              aria-describedby={errorOf(i, 'affiliation') ? `creator-${i}-aff-error` : undefined}
              value={c.affiliation}
              onChange={(e) => set(i, { affiliation: e.target.value })}
            />
            <FieldError id={`creator-${i}-aff-error`} text={errorOf(i, 'affiliation')} />
          </div>
          <div className="field">
            <label htmlFor={`creator-${i}-side`}>{tc('common.side')}</label>
            <select id={`creator-${i}-side`} name={`creator-${i}-side`} value={c.side} onChange={(e) => set(i, { side: e.target.value })}>
              <SideOptions />
            </select>
          </div>
          {value.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => rows.remove(i)}>
              {t('create.removeCreator', { n: i + 1 })}
            </button>
          )}
        </div>
      ))}
      <button type="button" className="button button-secondary" onClick={() => rows.add({ name: '', affiliation: '', side: value[0]?.side ?? 'US' })}>
        {t('create.addCreator')}
      </button>
    </fieldset>
  );
}
