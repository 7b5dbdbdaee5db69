import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { EMPTY_TEXTS } from '../../../components/BilingualFields.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { hasRole, useUser } from '../../../session/session-context.ts';
import { GroupForm } from './GroupForm.tsx';

/** Admin: a new working group starts as proposed; co-chairs are appointed on its page. */
export function CreateGroupPage() {
  const { t } = useTranslation('groups');
  const user = useUser();
  const navigate = useNavigate();
  const submit = useSubmit();
  if (!hasRole(user, 'admin')) return <Forbidden />;

  async function handleSave(body: Parameters<typeof groupsApi.create>[0]): Promise<boolean> {
    let id = '';
    const ok = await submit.run(
      async () => {
        id = (await groupsApi.create(body)).id;
      },
      { success: t('create.created'), invalidate: [groupKeys.list()] },
    );
    if (ok) void navigate(`../${id}`, { relative: 'path' });
    return ok;
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <PageHeader title={t('create.title')} intro={t('create.intro')} />
      <GroupForm
        initial={{ name: EMPTY_TEXTS, charter: EMPTY_TEXTS, technologyArea: '' }}
        testId="create-group-form"
        submitLabel={t('create.submit')}
        busy={submit.busy}
        error={submit.error}
        onSave={handleSave}
      />
    </>
  );
}
