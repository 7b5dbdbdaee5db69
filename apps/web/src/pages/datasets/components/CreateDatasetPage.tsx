import { zodResolver } from '@hookform/resolvers/zod';
import { ACCESS_LEVELS, type Creator } from '@qiao/contracts';
import { useId, useState, type ChangeEvent } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { FieldError } from '../../../components/FieldError.tsx';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { serverIssue, useFieldErrorText } from '../../../lib/form-issues.ts';
import { datasetsApi } from '../api.ts';
import { DatasetDraftSchema, draftPath, toDatasetInput, type DatasetDraft } from '../lib/dataset-draft.ts';
import { EMPTY_DECLARATION } from '../lib/declaration.ts';
import { useOptionalUser } from '../../../lib/session.ts';
import { isStewardOfAnySide } from '../lib/access.ts';
import { CreatorsFields } from './CreatorsFields.tsx';
import { DeclarationFields } from './DeclarationFields.tsx';

const LICENCES = ['CC-BY-4.0', 'CC0-1.0', 'CC-BY-SA-4.0', 'ODbL-1.0', 'CC-BY-NC-4.0'];

/** A data steward describes a new dataset; it starts as draft version 1, ready for files. */
export function CreateDatasetPage() {
  const { t } = useTranslation('datasets');
  const user = useOptionalUser();
  if (!isStewardOfAnySide(user) || !user) return <Forbidden />;
  const admin = user.roles.some((g) => g.role === 'admin');
  const sides = admin ? ['US', 'CN'] : [...new Set(user.roles.filter((g) => g.role === 'data_steward').map((g) => g.side))];
  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('detail.back')}</Link>
      </p>
      <PageHeader title={t('create.title')} intro={t('create.intro')} />
      <DatasetForm sides={sides} defaultCreator={{ name: user.displayName, affiliation: '', side: user.side }} />
    </>
  );
}

function DatasetForm({ sides, defaultCreator }: { sides: string[]; defaultCreator: Creator }) {
  const { t } = useTranslation('datasets');
  const { t: tc } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const fieldError = useFieldErrorText();
  const form = useForm<DatasetDraft>({
    resolver: zodResolver(DatasetDraftSchema),
    defaultValues: {
      title: { en: '', zh: '' },
      description: { en: '', zh: '' },
      creators: [defaultCreator],
      subjects: '',
      temporalStart: '',
      temporalEnd: '',
      spatial: '',
      licence: 'CC-BY-4.0',
      accessLevel: 'open',
      embargoUntil: '',
      side: sides.includes(defaultCreator.side) ? defaultCreator.side : (sides[0] ?? ''),
      declaration: EMPTY_DECLARATION,
    },
  });
  const { errors, isDirty, isSubmitted, isSubmitting } = form.formState;
  const [accessLevel, temporalStart, creators, declaration] = form.watch(['accessLevel', 'temporalStart', 'creators', 'declaration']);
  // What no field owns (a refused side, a conflict) shows at the top.
  const [error, setError] = useState<unknown>(null);
  const guard = useUnsavedChanges(isDirty);
  const errorText = (path: FieldPath<DatasetDraft>) => fieldError(form.getFieldState(path).error?.message);
  // The two-language texts keep the input names the page has always had (`title-en`), so they are
  // bound by hand: react-hook-form's own handlers read the field from the input's name.
  const text = (path: 'title.en' | 'title.zh' | 'description.en' | 'description.zh', name: string) => ({
    ref: form.register(path).ref,
    name,
    value: form.watch(path),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => form.setValue(path, e.target.value, { shouldDirty: true, shouldValidate: isSubmitted }),
  });
  const setList = <K extends 'creators' | 'declaration'>(key: K, value: DatasetDraft[K]) =>
    form.setValue(key, value as never, { shouldDirty: true, shouldValidate: isSubmitted });

  async function handleValid(draft: DatasetDraft) {
    setError(null);
    guard.allowLeave();
    try {
      const created = await datasetsApi.create(toDatasetInput(draft));
      await navigate(`../${created.id}`, { relative: 'path' });
    } catch (caught) {
      guard.allowLeave(false);
      const field = serverIssue(caught, draftPath);
      if (field && field.path !== 'root') form.setError(field.path as FieldPath<DatasetDraft>, { type: 'server', message: field.message }, { shouldFocus: true });
      else setError(caught);
    }
  }

  return (
    <form className="form dataset-form" onSubmit={(e) => void form.handleSubmit(handleValid)(e)} noValidate aria-label={t('create.title')} data-testid="dataset-form">
      {error !== null && <ErrorMessage error={error} />}
      <fieldset className="fieldset">
        <legend>{t('create.titleLegend')}</legend>
        <div className="field-row">
          <Field label={t('create.titleEn')} lang="en" maxLength={300} error={errorText('title.en')} {...text('title.en', 'title-en')} />
          <Field label={t('create.titleZh')} lang="zh-Hans" maxLength={300} error={errorText('title.zh')} {...text('title.zh', 'title-zh')} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-den`}>{t('create.descriptionEn')}</label>
            <textarea
              id={`${id}-den`}
              lang="en"
              rows={4}
              aria-invalid={errors.description?.en ? true : undefined}
              aria-describedby={errors.description?.en ? `${id}-den-error` : undefined}
              {...text('description.en', 'description-en')}
            />
            <FieldError id={`${id}-den-error`} text={errorText('description.en')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-dzh`}>{t('create.descriptionZh')}</label>
            <textarea
              id={`${id}-dzh`}
              lang="zh-Hans"
              rows={4}
              aria-invalid={errors.description?.zh ? true : undefined}
              aria-describedby={errors.description?.zh ? `${id}-dzh-error` : undefined}
              {...text('description.zh', 'description-zh')}
            />
            <FieldError id={`${id}-dzh-error`} text={errorText('description.zh')} />
          </div>
        </div>
        <p className="hint">{t('create.bilingualHint')}</p>
      </fieldset>
      <CreatorsFields value={creators} errorOf={(i, field) => errorText(`creators.${i}.${field}`)} onChange={(next) => setList('creators', next)} />
      <div className="field-row">
        <Field label={t('meta.subjects')} hint={t('create.listHint')} error={errorText('subjects')} {...form.register('subjects')} />
        <Field label={t('meta.spatial')} hint={t('create.listHint')} error={errorText('spatial')} {...form.register('spatial')} />
      </div>
      <div className="field-row">
        <Field label={t('create.temporalStart')} type="date" error={errorText('temporalStart')} {...form.register('temporalStart')} />
        <Field label={t('create.temporalEnd')} type="date" min={temporalStart || undefined} error={errorText('temporalEnd')} {...form.register('temporalEnd')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-side`}>{tc('common.side')}</label>
          <select id={`${id}-side`} {...form.register('side')}>
            {sides.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('meta.licence')} list={`${id}-licences`} hint={t('create.licenceHint')} required error={errorText('licence')} {...form.register('licence')} />
        <datalist id={`${id}-licences`}>
          {LICENCES.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <div className="field">
          <label htmlFor={`${id}-access`}>{t('meta.accessLevel')}</label>
          <select id={`${id}-access`} aria-describedby={`${id}-access-hint`} {...form.register('accessLevel')}>
            {ACCESS_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`access.${level}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-access-hint`} className="hint">
            {t(`create.accessHint.${accessLevel}`)}
          </p>
        </div>
        {accessLevel === 'embargoed' && (
          <Field label={t('create.embargoUntil')} type="date" required error={errorText('embargoUntil')} {...form.register('embargoUntil')} />
        )}
      </div>
      <DeclarationFields value={declaration} onChange={(next) => setList('declaration', next)} />
      <FieldError id={`${id}-declaration-error`} text={errorText('declaration')} />
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? tc('common.saving') : t('create.submit')}
      </button>
    </form>
  );
}
