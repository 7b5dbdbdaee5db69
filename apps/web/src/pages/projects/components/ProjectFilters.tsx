import { PROJECT_STATUSES, type Group } from '@qiao/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import type { ProjectFilter } from '../api.ts';
import { pick, uiLang } from '../lib/lang.ts';

interface ProjectFiltersProps {
  groups: readonly Group[];
  value: ProjectFilter;
  onChange: (next: ProjectFilter) => void;
}

export function ProjectFilters({ groups, value, onChange }: ProjectFiltersProps) {
  const { t, i18n } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const id = useId();
  const lang = uiLang(i18n.language);
  const set = (patch: Partial<ProjectFilter>) => onChange({ ...value, ...patch });
  return (
    <div className="filters" role="search" aria-label={tc('common.search')}>
      <Field label={t('filters.search')} type="search" name="q" placeholder={t('filters.searchPlaceholder')} value={value.q} onChange={(e) => set({ q: e.target.value })} />
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
        <select id={`${id}-status`} name="status" value={value.status} onChange={(e) => set({ status: e.target.value as ProjectFilter['status'] })}>
          <option value="">{t('filters.anyStatus')}</option>
          {PROJECT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`}>{t('filters.group')}</label>
        <select id={`${id}-group`} name="groupId" value={value.groupId} onChange={(e) => set({ groupId: e.target.value })}>
          <option value="">{t('filters.anyGroup')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {pick(g.name, lang).text}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-flagged`}>{t('filters.flagged')}</label>
        <select id={`${id}-flagged`} name="flagged" value={value.flagged} onChange={(e) => set({ flagged: e.target.value as ProjectFilter['flagged'] })}>
          <option value="">{t('filters.anyFlags')}</option>
          <option value="true">{t('filters.withFlags')}</option>
          <option value="false">{t('filters.withoutFlags')}</option>
        </select>
      </div>
    </div>
  );
}
