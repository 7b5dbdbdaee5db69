import type { GroupDetail } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { groupsApi } from '../api.ts';
import { fromText, isFilled, toInput } from '../../../lib/bilingual.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { BilingualFields } from './BilingualFields.tsx';

/** The bilingual charter; admins and co-chairs edit name, charter and area side by side. */
export function CharterSection({ group, canEdit, onChanged }: { group: GroupDetail; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation('groups');
  const [editing, setEditing] = useState(false);
  return (
    <section className="section" aria-labelledby="charter-title">
      <div className="section-header">
        <h2 id="charter-title">{t('group.charter')}</h2>
        {canEdit && !editing && (
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            {t('group.editCharter')}
          </button>
        )}
      </div>
      {editing ? (
        <CharterForm
          group={group}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      ) : (
        <Bilingual text={group.charter}>
          {(text, lang) => (
            <p className="prose pre-wrap" lang={lang} data-testid="charter">
              {text}
            </p>
          )}
        </Bilingual>
      )}
    </section>
  );
}

function CharterForm({ group, onDone }: { group: GroupDetail; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation('groups');
  const [name, setName] = useState(fromText(group.name));
  const [charter, setCharter] = useState(fromText(group.charter));
  const [area, setArea] = useState(group.technologyArea);
  const submit = useSubmit();

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() =>
      groupsApi.update(group.id, { name: toInput(name), charter: toInput(charter), technologyArea: area.trim(), version: group.version }),
    );
    if (ok) onDone(true);
  }

  return (
    <form className="form" onSubmit={(e) => void handleSubmit(e)}>
      <BilingualFields label={t('create.name')} name="name" value={name} onChange={setName} required />
      <BilingualFields label={t('create.charter')} name="charter" value={charter} onChange={setCharter} multiline required />
      <Field label={t('create.area')} name="technologyArea" value={area} onChange={(e) => setArea(e.target.value)} required maxLength={120} />
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(name) || !isFilled(charter)}>
          {submit.busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(false)}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
