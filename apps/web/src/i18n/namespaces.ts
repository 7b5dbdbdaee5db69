import en from './en.json';
import zh from './zh.json';
import datasetsEn from '../pages/datasets/i18n/en.json';
import datasetsZh from '../pages/datasets/i18n/zh.json';
import federationEn from '../pages/federation/i18n/en.json';
import federationZh from '../pages/federation/i18n/zh.json';
import groupsEn from '../pages/groups/i18n/en.json';
import groupsZh from '../pages/groups/i18n/zh.json';
import indicatorsEn from '../pages/indicators/i18n/en.json';
import indicatorsZh from '../pages/indicators/i18n/zh.json';
import inboxEn from '../pages/inbox/i18n/en.json';
import inboxZh from '../pages/inbox/i18n/zh.json';
import projectsEn from '../pages/projects/i18n/en.json';
import projectsZh from '../pages/projects/i18n/zh.json';
import screeningEn from '../pages/screening/i18n/en.json';
import screeningZh from '../pages/screening/i18n/zh.json';

/**
 * Every translation namespace: the shell's own (`translation`) and one per module, kept beside the
 * module's pages. Typed keys and the en/zh parity test both read this one list.
 */
export const NAMESPACES = {
  translation: { en, zh },
  datasets: { en: datasetsEn, zh: datasetsZh },
  federation: { en: federationEn, zh: federationZh },
  groups: { en: groupsEn, zh: groupsZh },
  indicators: { en: indicatorsEn, zh: indicatorsZh },
  inbox: { en: inboxEn, zh: inboxZh },
  projects: { en: projectsEn, zh: projectsZh },
  screening: { en: screeningEn, zh: screeningZh },
} as const;

export type Namespace = keyof typeof NAMESPACES;

type ByLanguage<L extends 'en' | 'zh'> = { [N in Namespace]: (typeof NAMESPACES)[N][L] };

function pick<L extends 'en' | 'zh'>(lang: L): ByLanguage<L> {
  return Object.fromEntries(Object.entries(NAMESPACES).map(([ns, v]) => [ns, v[lang]])) as ByLanguage<L>;
}

export const resources = { en: pick('en'), zh: pick('zh') };
