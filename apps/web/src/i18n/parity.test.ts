import { ERROR_IDS } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { ENUMS } from '../lib/enum-labels.ts';
import { NAMESPACES } from './namespaces.ts';

type Tree = { [key: string]: string | Tree };

/** Every leaf as `path.to.key` → message. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

// Every namespace is checked; keys are prefixed with their namespace (`datasets:title`).
function flattenAll(lang: 'en' | 'zh'): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, pair] of Object.entries(NAMESPACES)) {
    for (const [k, v] of flatten(pair[lang])) out.set(ns === 'translation' ? k : `${ns}:${k}`, v);
  }
  return out;
}

const enKeys = flattenAll('en');
const zhKeys = flattenAll('zh');

// i18next plural forms: English has `_one` and `_other`, Chinese only `_other`; both count as one key.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: Map<string, string>) => [...new Set([...keys.keys()].map((k) => k.replace(PLURAL, '')))].sort();

describe('translations', () => {
  it('zh has exactly the keys of en', () => {
    expect(baseKeys(zhKeys)).toEqual(baseKeys(enKeys));
  });

  it('has every plural form each language needs', () => {
    const plurals = [...enKeys.keys()].filter((k) => k.endsWith('_one') || k.endsWith('_other')).map((k) => k.replace(PLURAL, ''));
    const missing = [...new Set(plurals)].filter((k) => !enKeys.has(`${k}_one`) || !enKeys.has(`${k}_other`) || !zhKeys.has(`${k}_other`));
    expect(missing).toEqual([]);
  });

  it('zh uses the same placeholders as en in every message', () => {
    const mismatched = [...enKeys]
      .filter(([key, message]) => zhKeys.has(key) && placeholders(message).join() !== placeholders(zhKeys.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('has no empty messages', () => {
    const empty = [...enKeys, ...zhKeys].filter(([, message]) => message.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('has a message for every API error id', () => {
    const missing = ERROR_IDS.filter((id) => !enKeys.has(`errors.${id}`) || !zhKeys.has(`errors.${id}`));
    expect(missing).toEqual([]);
  });

  it('has a label in both languages for every enum value the server sends', () => {
    const missing = Object.entries(ENUMS).flatMap(([kind, values]) =>
      values.map((value) => `enums.${kind}.${value}`).filter((key) => !enKeys.has(key) || !zhKeys.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it('zh is translated, not copied from en', () => {
    // Names, codes and placeholders-only strings may legitimately match; everything else should not.
    const allowedSame = new Set(['app.name', 'app.pageTitle', 'language.en', 'language.zh', 'common.none']);
    // A message with no words of its own (just "{{score}}%") reads the same in both.
    const hasWords = (message: string) => /\p{L}/u.test(message.replace(/\{\{[^}]*\}\}/g, ''));
    const copied = [...enKeys]
      .filter(([key, message]) => !allowedSame.has(key) && hasWords(message) && zhKeys.get(key) === message)
      .map(([key]) => key);
    expect(copied).toEqual([]);
  });
});
