import type { Group } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { emptyFlow } from '../lib/data-plan.ts';
import { pick, uiLang } from '../lib/lang.ts';
import { isReady, readiness, textParts, type ProposalDraft } from '../lib/proposal.ts';
import { BilingualFields } from './BilingualFields.tsx';
import { BudgetFields } from './BudgetFields.tsx';
import { DataFlowRow } from './DataFlowRow.tsx';
import { LivePreCheck } from './LivePreCheck.tsx';
import { PartiesPicker } from './PartiesPicker.tsx';
import { ReadinessList } from './ReadinessList.tsx';

/** Technology areas of the working groups (groups.technologyArea), offered as suggestions. */
const AREA_SUGGESTIONS = ['ai_for_science', 'semiconductors', 'quantum', 'earthquake_forecasting', 'air_quality', 'public_health', 'nutrition', 'neutrino_physics'];

interface ProposalFormProps {
  initial: ProposalDraft;
  groups: Group[];
  /** Editing keeps the group it was proposed in. */
  lockGroup?: boolean;
  onSave: (draft: ProposalDraft, submit: boolean) => Promise<void>;
  onCancel: () => void;
}

/** The proposal: bilingual title and abstract, area, parties, data plan and budget, checked as typed. */
export function ProposalForm({ initial, groups, lockGroup = false, onSave, onCancel }: ProposalFormProps) {
  const { t, i18n } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const areaLabel = useAreaLabel();
  const id = useId();
  const lang = uiLang(i18n.language);
  const [draft, setDraft] = useState<ProposalDraft>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<ProposalDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const ready = readiness(draft);
  const guard = useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(initial));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    setBusy(true);
    setError(null);
    // Saving leaves the page on success; the guard must not ask about a form that was just saved.
    guard.allowLeave();
    try {
      await onSave(draft, submitter?.getAttribute('value') === 'submit');
    } catch (caught) {
      guard.allowLeave(false);
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <div className="proposal-layout">
      <form className="form proposal-form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('form.title')} data-testid="proposal-form">
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('form.group')}</label>
          <select id={`${id}-group`} name="groupId" required disabled={lockGroup} value={draft.groupId} onChange={(e) => set({ groupId: e.target.value })}>
            <option value="">{t('form.chooseGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {pick(g.name, lang).text}
              </option>
            ))}
          </select>
        </div>
        <BilingualFields
          name="title"
          legend={t('form.projectTitle')}
          en={draft.titleEn}
          zh={draft.titleZh}
          maxLength={300}
          onChange={(l, v) => set(l === 'en' ? { titleEn: v } : { titleZh: v })}
        />
        <BilingualFields
          name="abstract"
          legend={t('form.abstract')}
          hint={t('form.abstractHint')}
          en={draft.abstractEn}
          zh={draft.abstractZh}
          maxLength={10_000}
          multiline
          onChange={(l, v) => set(l === 'en' ? { abstractEn: v } : { abstractZh: v })}
        />
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-area`}>{t('form.technologyArea')}</label>
            <input
              id={`${id}-area`}
              name="technologyArea"
              required
              maxLength={200}
              list={`${id}-areas`}
              value={draft.technologyArea}
              aria-describedby={`${id}-area-hint`}
              onChange={(e) => set({ technologyArea: e.target.value })}
            />
            <datalist id={`${id}-areas`}>
              {AREA_SUGGESTIONS.map((a) => (
                <option key={a} value={a} label={areaLabel(a)} />
              ))}
            </datalist>
            <p className="hint" id={`${id}-area-hint`}>
              {t('form.technologyAreaHint')}
            </p>
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-kw`}>{t('form.keywords')}</label>
            <input id={`${id}-kw`} name="keywords" value={draft.keywords} aria-describedby={`${id}-kw-hint`} onChange={(e) => set({ keywords: e.target.value })} />
            <p className="hint" id={`${id}-kw-hint`}>
              {t('form.keywordsHint')}
            </p>
          </div>
        </div>
        <PartiesPicker value={draft.parties} onChange={(parties) => set({ parties })} />
        <fieldset className="fieldset data-plan" data-testid="data-plan">
          <legend>{t('dataPlan.title')}</legend>
          <p className="hint">{t('dataPlan.hint')}</p>
          {draft.dataPlan.length === 0 && <p className="empty-inline">{t('dataPlan.empty')}</p>}
          {draft.dataPlan.map((flow, i) => (
            <DataFlowRow
              key={i}
              index={i}
              value={flow}
              onChange={(next) => set({ dataPlan: draft.dataPlan.map((f, j) => (j === i ? next : f)) })}
              onRemove={() => set({ dataPlan: draft.dataPlan.filter((_, j) => j !== i) })}
            />
          ))}
          <div className="button-bar">
            <button type="button" className="button button-secondary" onClick={() => set({ dataPlan: [...draft.dataPlan, emptyFlow('US-CN')] })}>
              {t('dataPlan.addUsCn')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => set({ dataPlan: [...draft.dataPlan, emptyFlow('CN-US')] })}>
              {t('dataPlan.addCnUs')}
            </button>
          </div>
        </fieldset>
        <BudgetFields value={draft.budget} onChange={(budget) => set({ budget })} />
        {error !== null && <ErrorMessage error={error} />}
        <ReadinessList readiness={ready} />
        <div className="button-bar">
          <button type="submit" name="intent" value="save" className="button button-secondary" disabled={busy} data-testid="save-draft">
            {busy ? tc('common.saving') : t('form.saveDraft')}
          </button>
          <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy || !isReady(ready)} data-testid="save-and-submit">
            {t('form.saveAndSubmit')}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {tc('common.cancel')}
          </button>
        </div>
      </form>
      <aside className="proposal-aside">
        <LivePreCheck parts={textParts(draft)} />
      </aside>
    </div>
  );
}
