import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Technology areas with a translated name (`technologyAreas.<area>` in the shell's en/zh.json). */
export const TECHNOLOGY_AREAS = [
  'air_quality',
  'ai_for_science',
  'semiconductors',
  'climate',
  'public_health',
  'quantum',
  'biotechnology',
  'energy',
  'earthquake_forecasting',
  'nutrition',
  'neutrino_physics',
] as const;

function isKnown(area: string): area is (typeof TECHNOLOGY_AREAS)[number] {
  return (TECHNOLOGY_AREAS as readonly string[]).includes(area);
}

/**
 * A technology area as a person reads it: `air_quality` is "Air quality" / "空气质量". An area typed
 * freely reads as typed, with `_` as a space, so a raw key never shows.
 */
export function useAreaLabel(): (area: string) => string {
  const { t } = useTranslation();
  return useCallback((area: string) => (isKnown(area) ? t(`technologyAreas.${area}`) : area.replace(/_/g, ' ')), [t]);
}
