import { ACCESS_LEVELS, type Side } from '@qiao/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';
import type { CatalogFilter } from '../api.ts';
import { SearchField, SearchFilters } from '../../../components/SearchFilters.tsx';

interface CatalogFiltersProps {
  sides: readonly Side[];
  value: CatalogFilter;
  onChange: (next: CatalogFilter) => void;
}

export function CatalogFilters({ sides, value, onChange }: CatalogFiltersProps) {
  const { t } = useTranslation('datasets');
  const { t: tc } = useTranslation();
  const accessId = useId();
  const set = (patch: Partial<CatalogFilter>) => onChange({ ...value, ...patch });
  return (
    <SearchFilters>
      <SearchField
        label={t('catalog.search')}
        placeholder={t('catalog.searchPlaceholder')}
        value={value.q}
        onChange={(e) => set({ q: e.target.value })}
      />
      <SideSelect label={tc('common.side')} name="side" sides={sides} allowAll value={value.side} onChange={(side) => set({ side })} />
      <Field label={t('catalog.subject')} name="subject" value={value.subject} onChange={(e) => set({ subject: e.target.value })} />
      <div className="field">
        <label htmlFor={accessId}>{t('catalog.accessLevel')}</label>
        <select id={accessId} name="accessLevel" value={value.accessLevel} onChange={(e) => set({ accessLevel: e.target.value })}>
          <option value="">{t('catalog.anyAccess')}</option>
          {ACCESS_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`access.${level}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('catalog.licence')} name="licence" placeholder="CC-BY-4.0" value={value.licence} onChange={(e) => set({ licence: e.target.value })} />
      <Field
        label={t('catalog.year')}
        name="year"
        type="number"
        min={1000}
        max={3000}
        inputMode="numeric"
        hint={t('catalog.yearHint')}
        value={value.year}
        onChange={(e) => set({ year: e.target.value })}
      />
    </SearchFilters>
  );
}
