import { ORGANIZATION_KINDS, type Side } from '@qiao/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import { SideSelect } from '../../../components/SideSelect.tsx';

export type OrgKind = (typeof ORGANIZATION_KINDS)[number];

interface PartyFieldsProps {
  sides: readonly Side[];
  side: string;
  onSide: (side: string) => void;
  country: string;
  onCountry: (country: string) => void;
  countryRequired: boolean;
  /** The organisation's kind; omitted for a person, who has none. */
  kind?: { value: OrgKind; onChange: (kind: OrgKind) => void; name: string } | undefined;
}

/** The side, country and (for an organisation) kind of a party, in one row. */
export function PartyFields({ sides, side, onSide, country, onCountry, countryRequired, kind }: PartyFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field-row">
      <SideSelect label={t('common.side')} name="side" sides={sides} value={side} onChange={onSide} />
      <Field
        label={t('directory.country')}
        hint={t('directory.countryHint')}
        name="country"
        required={countryRequired}
        pattern="[A-Za-z]{2}"
        maxLength={2}
        value={country}
        onChange={(e) => onCountry(e.target.value)}
      />
      {kind && (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('directory.kind')}</label>
          <select id={`${id}-kind`} name={kind.name} value={kind.value} onChange={(e) => kind.onChange(ORGANIZATION_KINDS.find((k) => k === e.target.value) ?? 'other')}>
            {ORGANIZATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`directory.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
