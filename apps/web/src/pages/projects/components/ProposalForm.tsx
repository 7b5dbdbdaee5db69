import { zodResolver } from '@hookform/resolvers/zod';
import type { Group } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { serverIssue, useFieldErrorText } from '../../../lib/form-issues.ts';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { emptyFlow } from '../lib/data-plan.ts';
import { pick, uiLang } from '../lib/lang.ts';
import { isReady, readiness, textParts, type ProposalDraft } from '../lib/proposal.ts';
import { draftPath, ProposalDraftSchema } from '../lib/proposal-schema.ts';
import { BilingualFields } from '../../../components/BilingualFields.tsx';
import { BudgetFields } from './BudgetFields.tsx';
import { DataFlowRow } from './DataFlowRow.tsx';
import { LivePreCheck } from './LivePreCheck.tsx';
import { PartiesPicker } from './PartiesPicker.tsx';
import { ReadinessList } from './ReadinessList.tsx';
import { FieldError } from '../../../components/FieldError.tsx';

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
  const fieldError = useFieldErrorText();
  const form = useForm<ProposalDraft>({ resolver: zodResolver(ProposalDraftSchema), defaultValues: initial });
  const { errors, isDirty, isSubmitted } = form.formState;
  const draft = form.watch();
  // What no field owns (a conflict, a refused submission) shows above the buttons.
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<ProposalDraft>) => {
    for (const [key, value] of Object.entries(patch)) form.setValue(key as keyof ProposalDraft, value, { shouldDirty: true, shouldValidate: isSubmitted });
  };
  const ready = readiness(draft);
  // The project form names the languages its own way and flags the one still missing.
  const langs = { langLabels: { en: t('form.inEnglish'), zh: t('form.inChinese') }, missingBadge: t('form.missingLanguage') };
  const guard = useUnsavedChanges(isDirty);
  const errorText = (path: FieldPath<ProposalDraft>) => fieldError(form.getFieldState(path).error?.message);

  async function handleValid(valid: ProposalDraft, submit: boolean) {
    setError(null);
    // Saving leaves the page on success; the guard must not ask about a form that was just saved.
    guard.allowLeave();
    try {
      await onSave(valid, submit);
    } catch (caught) {
      guard.allowLeave(false);
      // The server names a field as `title.en: …`: show it there when the form has that field.
      const field = serverIssue(caught, draftPath);
      if (field && (field.path in valid || field.path.startsWith('budget.'))) {
        form.setError(field.path as FieldPath<ProposalDraft>, { type: 'server', message: field.message }, { shouldFocus: true });
        return;
      }
      setError(caught);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const submit = submitter?.getAttribute('value') === 'submit';
    void form.handleSubmit((valid) => handleValid(valid, submit))(event);
  }
  const busy = form.formState.isSubmitting;

  return (
    <div className="proposal-layout">
      <form className="form proposal-form" onSubmit={handleSubmit} noValidate aria-label={t('form.title')} data-testid="proposal-form">
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('form.group')}</label>
          <select
            id={`${id}-group`}
            required
            disabled={lockGroup}
            aria-invalid={errors.groupId ? true : undefined}
            aria-describedby={errors.groupId ? `${id}-group-error` : undefined}
            {...form.register('groupId')}
          >
            <option value="">{t('form.chooseGroup')}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {pick(g.name, lang).text}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-group-error`} text={errorText('groupId')} />
        </div>
        <BilingualFields
          name="title"
          label={t('form.projectTitle')}
          value={{ en: draft.titleEn, zh: draft.titleZh }}
          maxLength={300}
          {...langs}
          errors={{ en: errorText('titleEn'), zh: errorText('titleZh') }}
          onChange={(next) => set(next.en !== draft.titleEn ? { titleEn: next.en } : { titleZh: next.zh })}
        />
        <BilingualFields
          name="abstract"
          label={t('form.abstract')}
          hint={t('form.abstractHint')}
          value={{ en: draft.abstractEn, zh: draft.abstractZh }}
          maxLength={10_000}
          multiline
          rows={7}
          {...langs}
          errors={{ en: errorText('abstractEn'), zh: errorText('abstractZh') }}
          onChange={(next) => set(next.en !== draft.abstractEn ? { abstractEn: next.en } : { abstractZh: next.zh })}
        />
        <div className="field-row">
          <div className="field grow">
            <label htmlFor={`${id}-area`}>{t('form.technologyArea')}</label>
            <input
              id={`${id}-area`}
              required
              maxLength={200}
              list={`${id}-areas`}
              aria-invalid={errors.technologyArea ? true : undefined}
              aria-describedby={`${id}-area-hint${errors.technologyArea ? ` ${id}-area-error` : ''}`}
              {...form.register('technologyArea')}
            />
            <datalist id={`${id}-areas`}>
              {AREA_SUGGESTIONS.map((a) => (
                <option key={a} value={a} label={areaLabel(a)} />
              ))}
            </datalist>
            <p className="hint" id={`${id}-area-hint`}>
              {t('form.technologyAreaHint')}
            </p>
            <FieldError id={`${id}-area-error`} text={errorText('technologyArea')} />
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-kw`}>{t('form.keywords')}</label>
            <input
              id={`${id}-kw`}
              aria-invalid={errors.keywords ? true : undefined}
              aria-describedby={`${id}-kw-hint${errors.keywords ? ` ${id}-kw-error` : ''}`}
              {...form.register('keywords')}
            />
            <p className="hint" id={`${id}-kw-hint`}>
              {t('form.keywordsHint')}
            </p>
            <FieldError id={`${id}-kw-error`} text={errorText('keywords')} />
          </div>
        </div>
        <PartiesPicker value={draft.parties} onChange={(parties) => set({ parties })} />
        <FieldError id={`${id}-parties-error`} text={errorText('parties')} />
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
          <FieldError id={`${id}-plan-error`} text={errorText('dataPlan')} />
          <div className="button-bar">
            <button type="button" className="button button-secondary" onClick={() => set({ dataPlan: [...draft.dataPlan, emptyFlow('US-CN')] })}>
              {t('dataPlan.addUsCn')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => set({ dataPlan: [...draft.dataPlan, emptyFlow('CN-US')] })}>
              {t('dataPlan.addCnUs')}
            </button>
          </div>
        </fieldset>
        <BudgetFields
          value={draft.budget}
          errorOf={(i, field) => errorText(`budget.${i}.${field}`)}
          onChange={(budget) => set({ budget })}
        />
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
