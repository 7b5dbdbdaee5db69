import type { Side } from '@qiao/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

interface SideSelectProps {
  label: string;
  sides: readonly Side[];
  value: string;
  onChange: (side: string) => void;
  /** Offer "All sides" as the empty value (for filters). */
  allowAll?: boolean;
  name?: string;
}

export function SideSelect({ label, sides, value, onChange, allowAll, name }: SideSelectProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} required={!allowAll}>
        {allowAll && <option value="">{t('common.allSides')}</option>}
        {sides.map((side) => (
          <option key={side.code} value={side.code}>
            {side.code} · {i18n.language === 'zh' ? side.nameZh : side.nameEn}
          </option>
        ))}
      </select>
    </div>
  );
}
