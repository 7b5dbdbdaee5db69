import type { Side } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { SideSelect } from '../../../components/SideSelect.tsx';
import type { PartyFilter } from '../../../lib/names.ts';
import { SearchField, SearchFilters } from '../../../components/SearchFilters.tsx';

interface DirectoryFiltersProps {
  sides: readonly Side[];
  value: PartyFilter;
  onChange: (next: PartyFilter) => void;
}

export function DirectoryFilters({ sides, value, onChange }: DirectoryFiltersProps) {
  const { t } = useTranslation();
  return (
    <SearchFilters>
      <SearchField
        label={t('directory.searchLabel')}
        placeholder={t('directory.searchPlaceholder')}
        value={value.query}
        onChange={(e) => onChange({ ...value, query: e.target.value })}
      />
      <SideSelect
        label={t('directory.sideFilter')}
        name="side"
        sides={sides}
        allowAll
        value={value.side}
        onChange={(side) => onChange({ ...value, side })}
      />
    </SearchFilters>
  );
}
