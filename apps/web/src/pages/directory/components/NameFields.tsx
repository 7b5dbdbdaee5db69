import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.tsx';
import type { NameFieldValues } from '../../../lib/names.ts';

const LABELS = {
  en: 'directory.nameEn',
  'zh-Hans': 'directory.nameZhHans',
  'zh-Hant': 'directory.nameZhHant',
  'zh-Latn': 'directory.namePinyin',
} as const;

/** One input per language and script; at least one must be filled in. */
export function NameFields({ value, onChange }: { value: NameFieldValues; onChange: (next: NameFieldValues) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset">
      <legend>{t('directory.columns.names')}</legend>
      <p className="hint">{t('directory.namesHint')}</p>
      <div className="field-row">
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((lang) => (
          <Field
            key={lang}
            label={t(LABELS[lang])}
            name={`name-${lang}`}
            lang={lang === 'zh-Latn' ? 'zh-Latn-pinyin' : lang}
            value={value[lang]}
            onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
          />
        ))}
      </div>
    </fieldset>
  );
}
