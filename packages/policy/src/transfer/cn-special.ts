import type { Dataset, DataCategory } from './dataset.ts';
import { addConditions, type RegimeOutcome } from './outcome.ts';
import { CN_RULES as R, condition, finding, requireRules } from './rules.ts';

requireRules(R, {
  findings: ['cn-hgr-from-categories', 'cn-hgr-foreign-party-prohibited', 'cn-hgr', 'cn-surveying', 'cn-meteorological', 'cn-seismic'],
  conditions: [
    'cn-hgr-cooperation-approval', 'cn-hgr-clinical-trial-filing', 'cn-hgr-cooperation-conduct', 'cn-hgr-material-export',
    'cn-hgr-information-filing', 'cn-surveying-approval', 'cn-surveying-results', 'cn-meteorological-approval', 'cn-seismic-approval',
  ],
});

/**
 * Data China regulates by kind rather than volume: human genetic resources (approval through the
 * National Health Commission, a ban on foreign-controlled exporters), surveying and mapping,
 * meteorological and seismic data (each needs the foreign party approved and a Chinese partner).
 */
export function evaluateCnSpecialData(dataset: Dataset, out: RegimeOutcome): void {
  const declared = (category: DataCategory) => dataset.categories.some((c) => c.category === category && c.subjects > 0);
  // Genomic data and biospecimens are HGR by definition (HGR Regulation Art. 2), declared as such or not.
  const fromCategories = declared('human-genomic') || declared('human-biospecimens');
  const materials = dataset.kinds.includes('hgr-materials') || declared('human-biospecimens');
  const information = dataset.kinds.includes('hgr-information') || declared('human-genomic');
  if (fromCategories) out.findings.push(finding(R, 'cn-hgr-from-categories'));
  if (materials || information) {
    if (dataset.cn.exporterForeignControlled) {
      out.findings.push(finding(R, 'cn-hgr-foreign-party-prohibited'));
    } else {
      out.findings.push(finding(R, 'cn-hgr'));
      // The clinical-trial filing route is only open when no materials leave China.
      const filingOnly = dataset.cn.hgrClinicalTrial && !materials;
      addConditions(out, condition(R, filingOnly ? 'cn-hgr-clinical-trial-filing' : 'cn-hgr-cooperation-approval'), condition(R, 'cn-hgr-cooperation-conduct'));
      if (materials) addConditions(out, condition(R, 'cn-hgr-material-export'));
      if (information) addConditions(out, condition(R, 'cn-hgr-information-filing'));
    }
  }
  if (dataset.kinds.includes('surveying-mapping')) {
    out.findings.push(finding(R, 'cn-surveying'));
    addConditions(out, condition(R, 'cn-surveying-approval'), condition(R, 'cn-surveying-results'));
  }
  if (dataset.kinds.includes('meteorological')) {
    out.findings.push(finding(R, 'cn-meteorological'));
    addConditions(out, condition(R, 'cn-meteorological-approval'));
  }
  if (dataset.kinds.includes('seismic')) {
    out.findings.push(finding(R, 'cn-seismic'));
    addConditions(out, condition(R, 'cn-seismic-approval'));
  }
}
