import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field.tsx';

/** A list's filter row, announced as its search; the first child is usually a `<SearchField>`. */
export function SearchFilters({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="filters" role="search" aria-label={t('common.search')}>
      {children}
    </div>
  );
}

/** The free-text query of a filter row, sent as `q`. */
export function SearchField(props: Omit<ComponentProps<typeof Field>, 'type' | 'name'>) {
  return <Field type="search" name="q" {...props} />;
}
