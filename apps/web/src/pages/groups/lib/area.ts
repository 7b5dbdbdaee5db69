import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Technology areas with a translated name; any other area reads as typed, with `_` as a space. */
const KNOWN = ['air_quality', 'ai_for_science', 'semiconductors', 'climate', 'public_health', 'quantum', 'biotechnology', 'energy'] as const;

function isKnown(area: string): area is (typeof KNOWN)[number] {
  return (KNOWN as readonly string[]).includes(area);
}

/** A group's technology area as a person reads it: `air_quality` is "Air quality" / "空气质量". */
export function useAreaLabel(): (area: string) => string {
  const { t } = useTranslation('groups');
  return useCallback((area: string) => (isKnown(area) ? t(`areas.${area}`) : area.replace(/_/g, ' ')), [t]);
}
