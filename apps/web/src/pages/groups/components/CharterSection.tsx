import type { GroupDetail, GroupInput } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { fromText } from '../../../lib/bilingual.ts';
import { GroupForm } from './GroupForm.tsx';

/** The bilingual charter; admins and co-chairs edit name, charter and area side by side. */
export function CharterSection({ group, canEdit }: { group: GroupDetail; canEdit: boolean }) {
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
        <CharterForm group={group} onDone={() => setEditing(false)} />
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

function CharterForm({ group, onDone }: { group: GroupDetail; onDone: () => void }) {
  const { t } = useTranslation('groups');
  const submit = useSubmit();

  async function handleSave({ name, charter, technologyArea }: GroupInput): Promise<boolean> {
    const ok = await submit.run(() => groupsApi.update(group.id, { name, charter, technologyArea, version: group.version }), {
      success: t('group.charterSaved'),
      invalidate: [groupKeys.detail(group.id), groupKeys.list()],
    });
    if (ok) onDone();
    return ok;
  }

  return (
    <GroupForm
      initial={{ name: fromText(group.name), charter: fromText(group.charter), technologyArea: group.technologyArea }}
      testId="charter-form"
      submitLabel={t('form.save')}
      busy={submit.busy}
      error={submit.error}
      onSave={handleSave}
      onCancel={onDone}
    />
  );
}
