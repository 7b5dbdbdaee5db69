import type { EnumKind } from '../../../lib/enum-labels.ts';

/**
 * The live series whose categories are workflow states: their categories are shown with the same
 * translated labels as everywhere else (Done / 已完成), never as the raw status name. Other series'
 * categories (list ids such as `us-csl`) are proper names and show as they are.
 */
export const CATEGORY_ENUM: Readonly<Record<string, EnumKind>> = {
  'live-groups-by-status': 'groupStatus',
  'live-projects-by-status': 'projectStatus',
  'live-actions-done-vs-open': 'actionStatus',
};
