import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { hasRole, useUser } from '../../../session/session-context.ts';
import { groupsApi } from '../api.ts';
import { isFilled, toInput } from '../../../lib/bilingual.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { BilingualFields, type TwoTexts } from './BilingualFields.tsx';

const EMPTY: TwoTexts = { en: '', zh: '' };

/** Admin: a new working group starts as proposed; co-chairs are appointed on its page. */
export function CreateGroupPage() {
  const { t } = useTranslation('groups');
  const user = useUser();
  const navigate = useNavigate();
  const [name, setName] = useState(EMPTY);
  const [charter, setCharter] = useState(EMPTY);
  const [area, setArea] = useState('');
  const submit = useSubmit();
  if (!hasRole(user, 'admin')) return <Forbidden />;

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await submit.run(async () => {
      id = (await groupsApi.create({ name: toInput(name), charter: toInput(charter), technologyArea: area.trim(), sides: ['US', 'CN'] })).id;
    });
    if (ok) void navigate(`../${id}`, { relative: 'path' });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <PageHeader title={t('create.title')} intro={t('create.intro')} />
      <form className="form" onSubmit={(e) => void handleSubmit(e)} data-testid="create-group-form">
        <BilingualFields label={t('create.name')} name="name" value={name} onChange={setName} required />
        <BilingualFields label={t('create.charter')} name="charter" value={charter} onChange={setCharter} multiline required />
        <Field label={t('create.area')} hint={t('create.areaHint')} name="technologyArea" value={area} onChange={(e) => setArea(e.target.value)} required maxLength={120} />
        {submit.error !== null && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(name) || !isFilled(charter) || !area.trim()}>
          {submit.busy ? t('form.saving') : t('create.submit')}
        </button>
      </form>
    </>
  );
}
