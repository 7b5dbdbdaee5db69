import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isEnumValue, type EnumKind } from './enum-labels.ts';

/**
 * A translated label for an enum value the server sent. An unknown value (a newer server) shows as
 * "—" rather than as a raw key, so no enum name ever reaches the reader.
 */
export function useEnumLabel(): (kind: EnumKind, value: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (kind: EnumKind, value: string) => (isEnumValue(kind, value) ? t(`enums.${kind}.${value}` as 'enums.projectStatus.draft') : '—'),
    [t],
  );
}
