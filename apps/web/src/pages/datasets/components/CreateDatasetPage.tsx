import { ACCESS_LEVELS, type AccessLevel, type Creator, type DatasetInput } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { datasetsApi } from '../api.ts';
import { EMPTY_DECLARATION, toDataDeclaration, type Declaration } from '../lib/declaration.ts';
import { splitList } from '../lib/list.ts';
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
  const [title, setTitle] = useState({ en: '', zh: '' });
  const [description, setDescription] = useState({ en: '', zh: '' });
  const [creators, setCreators] = useState<Creator[]>([defaultCreator]);
  const [subjects, setSubjects] = useState('');
  const [temporal, setTemporal] = useState({ start: '', end: '' });
  const [spatial, setSpatial] = useState('');
  const [licence, setLicence] = useState('CC-BY-4.0');
  const [accessLevel, setAccessLevel] = useState<AccessLevel>('open');
  const [embargoUntil, setEmbargoUntil] = useState('');
  const [side, setSide] = useState(sides.includes(defaultCreator.side) ? defaultCreator.side : (sides[0] ?? ''));
  const [declaration, setDeclaration] = useState<Declaration>(EMPTY_DECLARATION);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [needText, setNeedText] = useState(false);

  const both = (v: { en: string; zh: string }) => ({ ...(v.en.trim() ? { en: v.en.trim() } : {}), ...(v.zh.trim() ? { zh: v.zh.trim() } : {}) });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = (!title.en.trim() && !title.zh.trim()) || (!description.en.trim() && !description.zh.trim());
    setNeedText(missing);
    if (missing) return;
    setBusy(true);
    setError(null);
    const body: DatasetInput = {
      title: both(title),
      description: both(description),
      creators: creators.map((c) => ({ ...c, name: c.name.trim(), affiliation: c.affiliation.trim() })),
      subjects: splitList(subjects),
      temporalStart: temporal.start || null,
      temporalEnd: temporal.end || null,
      spatial: splitList(spatial),
      licence: licence.trim(),
      relatedPublications: [],
      accessLevel,
      embargoUntil: accessLevel === 'embargoed' ? embargoUntil || null : null,
      side,
      dataDeclaration: toDataDeclaration(declaration),
    };
    try {
      const created = await datasetsApi.create(body);
      await navigate(`../${created.id}`, { relative: 'path' });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="form dataset-form" onSubmit={(e) => void handleSubmit(e)} aria-label={t('create.title')} data-testid="dataset-form">
      {error !== null && <ErrorMessage error={error} />}
      <fieldset className="fieldset">
        <legend>{t('create.titleLegend')}</legend>
        {needText && (
          <p className="field-error" role="alert">
            {t('create.needText')}
          </p>
        )}
        <div className="field-row">
          <Field label={t('create.titleEn')} name="title-en" lang="en" maxLength={300} value={title.en} onChange={(e) => setTitle({ ...title, en: e.target.value })} />
          <Field label={t('create.titleZh')} name="title-zh" lang="zh-Hans" maxLength={300} value={title.zh} onChange={(e) => setTitle({ ...title, zh: e.target.value })} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-den`}>{t('create.descriptionEn')}</label>
            <textarea id={`${id}-den`} name="description-en" lang="en" rows={4} value={description.en} onChange={(e) => setDescription({ ...description, en: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-dzh`}>{t('create.descriptionZh')}</label>
            <textarea id={`${id}-dzh`} name="description-zh" lang="zh-Hans" rows={4} value={description.zh} onChange={(e) => setDescription({ ...description, zh: e.target.value })} />
          </div>
        </div>
        <p className="hint">{t('create.bilingualHint')}</p>
      </fieldset>
      <CreatorsFields value={creators} onChange={setCreators} />
      <div className="field-row">
        <Field label={t('meta.subjects')} name="subjects" hint={t('create.listHint')} value={subjects} onChange={(e) => setSubjects(e.target.value)} />
        <Field label={t('meta.spatial')} name="spatial" hint={t('create.listHint')} value={spatial} onChange={(e) => setSpatial(e.target.value)} />
      </div>
      <div className="field-row">
        <Field label={t('create.temporalStart')} name="temporalStart" type="date" value={temporal.start} onChange={(e) => setTemporal({ ...temporal, start: e.target.value })} />
        <Field label={t('create.temporalEnd')} name="temporalEnd" type="date" min={temporal.start || undefined} value={temporal.end} onChange={(e) => setTemporal({ ...temporal, end: e.target.value })} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-side`}>{tc('common.side')}</label>
          <select id={`${id}-side`} name="side" value={side} onChange={(e) => setSide(e.target.value)}>
            {sides.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('meta.licence')} name="licence" list={`${id}-licences`} hint={t('create.licenceHint')} required value={licence} onChange={(e) => setLicence(e.target.value)} />
        <datalist id={`${id}-licences`}>
          {LICENCES.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <div className="field">
          <label htmlFor={`${id}-access`}>{t('meta.accessLevel')}</label>
          <select id={`${id}-access`} name="accessLevel" value={accessLevel} onChange={(e) => setAccessLevel(e.target.value as AccessLevel)} aria-describedby={`${id}-access-hint`}>
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
          <Field label={t('create.embargoUntil')} name="embargoUntil" type="date" required value={embargoUntil} onChange={(e) => setEmbargoUntil(e.target.value)} />
        )}
      </div>
      <DeclarationFields value={declaration} onChange={setDeclaration} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? tc('common.saving') : t('create.submit')}
      </button>
    </form>
  );
}
