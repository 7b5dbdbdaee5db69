import { describe, expect, it } from 'vitest';
import { asTwoLanguages, pickText, toInput, uiLang } from './bilingual.ts';

describe('bilingual text', () => {
  it('shows the reader’s language, else the other one, saying which', () => {
    expect(pickText({ en: 'Charter', zh: '章程' }, 'zh')).toEqual({ text: '章程', lang: 'zh' });
    expect(pickText({ en: 'Charter', zh: null }, 'zh')).toEqual({ text: 'Charter', lang: 'en' });
    expect(pickText({ en: null, zh: null }, 'en')).toEqual({ text: '', lang: 'zh' });
  });

  it('maps i18next language tags to the two content languages', () => {
    expect(uiLang('zh-Hans')).toBe('zh');
    expect(uiLang('en-US')).toBe('en');
  });

  it('sends only the languages that were filled in, trimmed', () => {
    expect(toInput({ en: '  Plan ', zh: '  ' })).toEqual({ en: 'Plan' });
    expect(toInput({ en: '', zh: '计划' })).toEqual({ zh: '计划' });
  });

  it('reads a two-language value out of an untyped notification payload', () => {
    expect(asTwoLanguages({ en: 'Air quality', zh: null, enEditedAt: 'x' })).toEqual({ en: 'Air quality', zh: null });
    expect(asTwoLanguages('Air quality')).toBeNull();
    expect(asTwoLanguages({ en: null, zh: null })).toBeNull();
  });
});
