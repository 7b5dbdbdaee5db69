import { z } from 'zod';
import { textField, type TextOptions } from './text.ts';

/**
 * User content that matters (names, charters, positions, minutes, decisions) carries both languages.
 * Each language keeps the time it was last edited, so readers can be told when one is missing or was
 * not updated after the other changed. Stored as a language map, not `title_en`/`title_zh` columns.
 */
export const BILINGUAL_LANGS = ['en', 'zh'] as const;
export type BilingualLang = (typeof BILINGUAL_LANGS)[number];

export const BilingualStoredSchema = z.object({
  en: z.string().nullable(),
  zh: z.string().nullable(),
  enEditedAt: z.string().nullable(),
  zhEditedAt: z.string().nullable(),
});
export type BilingualStored = z.infer<typeof BilingualStoredSchema>;

/**
 * `ok`: both present and edited together or the later edit came with the other;
 * `missing_en`/`missing_zh`/`missing_both`: a language is absent;
 * `en_older`/`zh_older`: both present but that language was last edited before the other.
 */
export const BilingualFlagSchema = z.enum(['ok', 'missing_en', 'missing_zh', 'missing_both', 'en_older', 'zh_older']);
export type BilingualFlag = z.infer<typeof BilingualFlagSchema>;

/** The wire shape: the stored text plus the computed flag. */
export const BilingualTextSchema = BilingualStoredSchema.extend({ flag: BilingualFlagSchema });
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/**
 * What a client sends: either language or both; an omitted language keeps its stored value.
 * Text may span lines unless `multiline: false` (names and titles); control characters never pass.
 */
export function bilingualInput(max: number, options: TextOptions = { multiline: true }) {
  const text = textField(max, options);
  return z
    .object({ en: text.optional(), zh: text.optional() })
    .refine((v) => v.en !== undefined || v.zh !== undefined, { message: 'give the text in English (en), Chinese (zh) or both' });
}
export const BilingualInputSchema = bilingualInput(20_000);
export type BilingualInput = z.infer<typeof BilingualInputSchema>;

export function bilingualFlag(t: BilingualStored): BilingualFlag {
  if (!t.en && !t.zh) return 'missing_both';
  if (!t.en) return 'missing_en';
  if (!t.zh) return 'missing_zh';
  if (t.enEditedAt && t.zhEditedAt) {
    if (t.enEditedAt < t.zhEditedAt) return 'en_older';
    if (t.zhEditedAt < t.enEditedAt) return 'zh_older';
  }
  return 'ok';
}

export function withFlag(t: BilingualStored): BilingualText {
  return { ...t, flag: bilingualFlag(t) };
}

/** Applies an edit: a language whose text changed gets `now` as its edit time; the other keeps its own. */
export function mergeBilingual(prev: BilingualStored | null, input: BilingualInput, now: Date): BilingualStored {
  const at = now.toISOString();
  const base: BilingualStored = prev ?? { en: null, zh: null, enEditedAt: null, zhEditedAt: null };
  const next = { ...base };
  if (input.en !== undefined && input.en !== base.en) {
    next.en = input.en;
    next.enEditedAt = at;
  }
  if (input.zh !== undefined && input.zh !== base.zh) {
    next.zh = input.zh;
    next.zhEditedAt = at;
  }
  return next;
}
