import { describe, expect, it } from 'vitest';
import { initialLocale, isLocale } from './locale.ts';

describe('initialLocale', () => {
  it('keeps the language chosen before', () => {
    expect(initialLocale('zh', ['en-US'])).toBe('zh');
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
  });

  it('otherwise follows the browser, preferring whichever of English and Chinese comes first', () => {
    expect(initialLocale(null, ['zh-CN', 'en'])).toBe('zh');
    expect(initialLocale(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(initialLocale(null, ['de', 'en-GB'])).toBe('en');
  });

  it('falls back to English for anything else', () => {
    expect(initialLocale('klingon', ['fr'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
  });

  it('recognises only the two UI languages', () => {
    expect(isLocale('zh')).toBe(true);
    expect(isLocale('zh-Hans')).toBe(false);
  });
});
