import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { projectsApi } from '../api.ts';
import { useLiveCheck } from '../hooks/use-live-check.ts';
import { CN_EXEMPTIONS, DATA_CATEGORIES, DATA_KINDS, DIRECTIONS, isDeclared, toDataset, US_EXEMPTIONS, US_TRANSACTIONS, type FlowDraft } from '../lib/data-plan.ts';
import { TransferResultView } from './TransferResultView.tsx';

interface DataFlowRowProps {
  index: number;
  value: FlowDraft;
  onChange: (next: FlowDraft) => void;
  onRemove: () => void;
}

/** One way data moves in the project: direction, what it holds, and the live transfer verdict. */
export function DataFlowRow({ index, value, onChange, onRemove }: DataFlowRowProps) {
  const { t } = useTranslation('projects');
  const id = useId();
  const set = (patch: Partial<FlowDraft>) => onChange({ ...value, ...patch });
  const dataset = toDataset(value);
  const key = isDeclared(value) ? JSON.stringify([value.direction, dataset]) : '';
  const live = useLiveCheck(key, () => projectsApi.transfer(dataset, value.direction));
  const n = index + 1;

  return (
    <fieldset className="fieldset nested data-flow" data-testid="data-flow">
      <legend>{t('dataPlan.flow', { n })}</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-dir`}>{t('dataPlan.direction')}</label>
          <select id={`${id}-dir`} name={`flow-${n}-direction`} value={value.direction} onChange={(e) => set({ direction: e.target.value as FlowDraft['direction'] })}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-desc`}>{t('dataPlan.description')}</label>
          <input id={`${id}-desc`} name={`flow-${n}-description`} maxLength={2000} value={value.description} onChange={(e) => set({ description: e.target.value })} />
        </div>
      </div>
      <fieldset className="fieldset nested">
        <legend>{t('dataPlan.categories')}</legend>
        <p className="hint">{value.direction === 'CN-US' ? t('dataPlan.categoriesHintCn') : t('dataPlan.categoriesHintUs')}</p>
        <div className="category-grid">
          {DATA_CATEGORIES.map((category) => {
            const row = value.categories[category] ?? { subjects: '', cumulativeSinceJan1: false };
            const update = (patch: Partial<typeof row>) => set({ categories: { ...value.categories, [category]: { ...row, ...patch } } });
            return (
              <div className="field category-field" key={category}>
                <label htmlFor={`${id}-${category}`}>{t(`categories.${category}`)}</label>
                <input
                  id={`${id}-${category}`}
                  name={`flow-${n}-${category}`}
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  placeholder="0"
                  value={row.subjects}
                  onChange={(e) => update({ subjects: e.target.value })}
                />
                {/* China counts cumulatively since 1 January; the US rules look at the preceding 12 months. */}
                {value.direction === 'CN-US' && (
                  <label className="checkbox small">
                    <input type="checkbox" checked={row.cumulativeSinceJan1} onChange={(e) => update({ cumulativeSinceJan1: e.target.checked })} />
                    {t('dataPlan.cumulative')}
                  </label>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <fieldset className="fieldset nested">
        <legend>{t('dataPlan.kinds')}</legend>
        <div className="checkbox-row">
          {DATA_KINDS.map((kind) => (
            <label className="checkbox" key={kind}>
              <input
                type="checkbox"
                name={`flow-${n}-kinds`}
                value={kind}
                checked={value.kinds.includes(kind)}
                onChange={(e) => set({ kinds: e.target.checked ? [...value.kinds, kind] : value.kinds.filter((k) => k !== kind) })}
              />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={value.deidentified} onChange={(e) => set({ deidentified: e.target.checked })} />
        {t('dataPlan.deidentified')}
      </label>
      <details className="flow-context">
        <summary>{t('dataPlan.context')}</summary>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-ustx`}>{t('dataPlan.usTransaction')}</label>
            <select id={`${id}-ustx`} value={value.usTransaction} onChange={(e) => set({ usTransaction: e.target.value as FlowDraft['usTransaction'] })}>
              <option value="">{t('dataPlan.notStated')}</option>
              {US_TRANSACTIONS.map((v) => (
                <option key={v} value={v}>
                  {t(`usTransaction.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-usex`}>{t('dataPlan.usExemption')}</label>
            <select id={`${id}-usex`} value={value.usExemption} onChange={(e) => set({ usExemption: e.target.value as FlowDraft['usExemption'] })}>
              <option value="">{t('dataPlan.noExemption')}</option>
              {US_EXEMPTIONS.map((v) => (
                <option key={v} value={v}>
                  {t(`usExemption.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-cnex`}>{t('dataPlan.cnExemption')}</label>
            <select id={`${id}-cnex`} value={value.cnExemption} onChange={(e) => set({ cnExemption: e.target.value as FlowDraft['cnExemption'] })}>
              <option value="">{t('dataPlan.noExemption')}</option>
              {CN_EXEMPTIONS.map((v) => (
                <option key={v} value={v}>
                  {t(`cnExemption.${v}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={value.cnCiio} onChange={(e) => set({ cnCiio: e.target.checked })} />
          {t('dataPlan.cnCiio')}
        </label>
      </details>
      <div aria-live="polite" className="flow-verdict">
        {live.status === 'idle' && <p className="hint">{t('dataPlan.nothingDeclared')}</p>}
        {live.status === 'checking' && <p className="muted">{t('live.checking')}</p>}
        {live.status === 'ready' && <TransferResultView result={live.data} compact />}
      </div>
      {live.status === 'error' && <ErrorMessage error={live.error} />}
      <button type="button" className="button button-quiet" onClick={onRemove}>
        {t('dataPlan.remove', { n })}
      </button>
    </fieldset>
  );
}
