import type { Creator } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

const SIDES = ['US', 'CN'] as const;

/** DataCite creators: a name, an affiliation and the side each belongs to. */
export function CreatorsFields({ value, onChange }: { value: Creator[]; onChange: (next: Creator[]) => void }) {
  const { t } = useTranslation('datasets');
  const { t: tc } = useTranslation();
  const set = (i: number, patch: Partial<Creator>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="fieldset">
      <legend>{t('create.creators')}</legend>
      {value.map((c, i) => (
        <div className="field-row creator-row" key={i}>
          <div className="field">
            <label htmlFor={`creator-${i}-name`}>{t('create.creatorName', { n: i + 1 })}</label>
            <input id={`creator-${i}-name`} name={`creator-${i}-name`} required maxLength={200} value={c.name} onChange={(e) => set(i, { name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`creator-${i}-aff`}>{t('create.creatorAffiliation')}</label>
            <input id={`creator-${i}-aff`} name={`creator-${i}-affiliation`} maxLength={300} value={c.affiliation} onChange={(e) => set(i, { affiliation: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`creator-${i}-side`}>{tc('common.side')}</label>
            <select id={`creator-${i}-side`} name={`creator-${i}-side`} value={c.side} onChange={(e) => set(i, { side: e.target.value })}>
              {SIDES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          {value.length > 1 && (
            <button type="button" className="button button-quiet" onClick={() => onChange(value.filter((_c, j) => j !== i))}>
              {t('create.removeCreator', { n: i + 1 })}
            </button>
          )}
        </div>
      ))}
      <button type="button" className="button button-secondary" onClick={() => onChange([...value, { name: '', affiliation: '', side: value[0]?.side ?? 'US' }])}>
        {t('create.addCreator')}
      </button>
    </fieldset>
  );
}
