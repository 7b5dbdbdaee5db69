import { PROJECT_ACTIONS, type Project, type ProjectAction } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { projectsApi } from '../api.ts';
import { ReasonDialog } from './ReasonDialog.tsx';

/** Actions that ask for a reason first; the first two must give one, as the workflow table says. */
const ASKS_REASON: Partial<Record<ProjectAction, { required: boolean }>> = {
  request_changes: { required: true },
  reject: { required: true },
  withdraw: { required: false },
};

const isAction = (a: string): a is ProjectAction => (PROJECT_ACTIONS as readonly string[]).includes(a);

interface ActionBarProps {
  project: Project;
  onChanged: (next: Project) => void;
  /** An error carried over from the page before (a submit that failed right after a save). */
  initialError?: unknown;
}

/** The actions open to the reader now, as the server lists them; nothing is offered that would fail on role. */
export function ActionBar({ project, onChanged, initialError = null }: ActionBarProps) {
  const { t } = useTranslation('projects');
  const toast = useToast();
  const [asking, setAsking] = useState<ProjectAction | null>(null);
  const [confirming, setConfirming] = useState<ProjectAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);
  const actions = project.allowedActions.filter(isAction);
  const editable = actions.includes('submit');

  async function run(action: ProjectAction, reason = '') {
    setAsking(null);
    setConfirming(null);
    setBusy(true);
    setError(null);
    try {
      onChanged(await projectsApi.transition(project.id, action, project.version, reason));
      toast.show(t('actions.done', { action: t(`action.${action}`) }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function handleClick(action: ProjectAction) {
    if (ASKS_REASON[action]) setAsking(action);
    // A sign-off is recorded under the co-chair's name and cannot be taken back: ask once more.
    else if (action === 'approve') setConfirming(action);
    else void run(action);
  }

  if (actions.length === 0 && error === null) return null;
  return (
    <section className="action-bar" aria-label={t('actions.title')} data-testid="project-actions">
      {error !== null && <ErrorMessage error={error} />}
      <div className="button-bar">
        {editable && (
          <Link to="edit" className="button button-secondary" data-testid="edit-project">
            {t('actions.edit')}
          </Link>
        )}
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`button ${action === 'reject' || action === 'withdraw' ? 'button-quiet' : 'button-primary'}`}
            disabled={busy}
            data-action={action}
            onClick={() => handleClick(action)}
          >
            {t(`action.${action}`)}
          </button>
        ))}
      </div>
      {confirming && (
        <ConfirmDialog title={t(`action.${confirming}`)} confirmLabel={t(`action.${confirming}`)} busy={busy} onConfirm={() => void run(confirming)} onCancel={() => setConfirming(null)}>
          <p>{t('actions.approveConfirm')}</p>
        </ConfirmDialog>
      )}
      {asking && (
        <ReasonDialog
          title={t(`action.${asking}`)}
          intro={t(`actions.intro.${asking}`)}
          confirmLabel={t(`action.${asking}`)}
          required={ASKS_REASON[asking]?.required ?? false}
          onConfirm={(reason) => void run(asking, reason)}
          onClose={() => setAsking(null)}
        />
      )}
    </section>
  );
}
