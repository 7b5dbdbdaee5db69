import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../api.ts';
import { Field } from '../../../components/Field.tsx';

const LIMITS = [50, 100, 250, 500] as const;

export function AuditFilters({ value, onApply }: { value: AuditFilter; onApply: (next: AuditFilter) => void }) {
  const { t } = useTranslation();
  const limitId = useId();
  const [entity, setEntity] = useState(value.entity ?? '');
  const [limit, setLimit] = useState(value.limit);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ entity: entity.trim(), limit });
  }

  return (
    <form className="filters" role="search" onSubmit={handleSubmit}>
      <Field
        label={t('admin.audit.entityFilter')}
        name="entity"
        placeholder={t('admin.audit.entityPlaceholder')}
        maxLength={60}
        value={entity}
        onChange={(e) => setEntity(e.target.value)}
      />
      <div className="field">
        <label htmlFor={limitId}>{t('admin.audit.limit')}</label>
        <select id={limitId} name="limit" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              {t('admin.audit.pageOption', { count: n })}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        {t('admin.audit.apply')}
      </button>
    </form>
  );
}
