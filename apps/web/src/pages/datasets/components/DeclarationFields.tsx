import { useTranslation } from 'react-i18next';
import { DATA_CATEGORIES, DATA_KINDS, type Declaration } from '../lib/declaration.ts';

/** What personal or regulated data the dataset holds, as the transfer review reads it. */
export function DeclarationFields({ value, onChange }: { value: Declaration; onChange: (next: Declaration) => void }) {
  const { t } = useTranslation('datasets');
  return (
    <fieldset className="fieldset">
      <legend>{t('declaration.title')}</legend>
      <p className="hint">{t('declaration.intro')}</p>
      <fieldset className="fieldset nested">
        <legend>{t('declaration.categories')}</legend>
        <p className="hint">{t('declaration.categoriesHint')}</p>
        <div className="field-row">
          {DATA_CATEGORIES.map((category) => (
            <div className="field" key={category}>
              <label htmlFor={`cat-${category}`}>{t(`categories.${category}`)}</label>
              <input
                id={`cat-${category}`}
                name={`category-${category}`}
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                placeholder="0"
                value={value.counts[category] ?? ''}
                onChange={(e) => onChange({ ...value, counts: { ...value.counts, [category]: e.target.value } })}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset nested">
        <legend>{t('declaration.kinds')}</legend>
        <div className="checkbox-row">
          {DATA_KINDS.map((kind) => (
            <label className="checkbox" key={kind}>
              <input
                type="checkbox"
                name="kinds"
                value={kind}
                checked={value.kinds.includes(kind)}
                onChange={(e) => onChange({ ...value, kinds: e.target.checked ? [...value.kinds, kind] : value.kinds.filter((k) => k !== kind) })}
              />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="deidentified" checked={value.deidentified} onChange={(e) => onChange({ ...value, deidentified: e.target.checked })} />
        {t('declaration.deidentified')}
      </label>
    </fieldset>
  );
}
