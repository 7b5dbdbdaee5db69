import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { uiLang } from '../../../lib/bilingual.ts';
import { useFormat } from '../../../lib/format.ts';
import { inboxApi, inboxKeys } from '../api.ts';

/** The overview's "My tasks": what waits for this user now, read from the objects themselves. */
export function MyTasksPanel() {
  const { t, i18n } = useTranslation('inbox');
  const f = useFormat();
  const lang = uiLang(i18n.language);
  const tasks = useQuery({ queryKey: inboxKeys.tasks(lang), queryFn: () => inboxApi.tasks(lang) });
  return (
    <section aria-labelledby="my-tasks" data-testid="my-tasks">
      <h2 id="my-tasks">{t('tasks.title')}</h2>
      {tasks.isPending && <Loading />}
      {tasks.isError && <ErrorMessage error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && tasks.data.length === 0 && <p className="muted">{t('tasks.empty')}</p>}
      {tasks.data && tasks.data.length > 0 && (
        <ul className="task-list">
          {tasks.data.map((task) => (
            <li key={`${task.kind}:${task.id}`} data-testid="my-task" data-kind={task.kind} data-id={task.id}>
              <span className="muted">{t(`tasks.kinds.${task.kind}`)}</span> <Link to={task.link}>{task.title}</Link>
              {task.due && <span className="muted"> · {t('tasks.due', { day: f.day(task.due) })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
