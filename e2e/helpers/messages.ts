// The app's own translations, so specs assert on the exact message a person reads.
import en from '../../apps/web/src/i18n/en.json' with { type: 'json' };
import zh from '../../apps/web/src/i18n/zh.json' with { type: 'json' };

export const messages = { en, zh } as const;
