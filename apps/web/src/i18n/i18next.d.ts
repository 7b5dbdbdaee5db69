import type { resources } from './namespaces.ts';

// Keys are derived from en.json, so a key missing there fails to compile; parity.test.ts keeps
// zh.json in step with it.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
  }
}
