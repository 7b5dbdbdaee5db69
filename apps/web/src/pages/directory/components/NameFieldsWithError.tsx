import { useTranslation } from 'react-i18next';
import type { NameFieldValues } from '../../../lib/names.ts';
import { NameFields } from './NameFields.tsx';

interface Props {
  names: NameFieldValues;
  setNames: (next: NameFieldValues) => void;
  needName: boolean;
}

export function NameFieldsWithError({ names, setNames, needName }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <NameFields value={names} onChange={setNames} />
      {needName && (
        <p className="field-error" role="alert">
          {t('directory.needOneName')}
        </p>
      )}
    </>
  );
}
