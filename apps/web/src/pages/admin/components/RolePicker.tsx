import { ROLES, type Role } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';

interface RolePickerProps {
  legend: string;
  hint: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
}

/** Checkboxes for the roles a new account holds on its side. */
export function RolePicker({ legend, hint, value, onChange }: RolePickerProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      <div className="checkbox-row">
        {ROLES.map((role) => (
          <label key={role} className="checkbox">
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={value.includes(role)}
              onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
            />
            {t(`roles.${role}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
