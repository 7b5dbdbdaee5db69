import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../../components/FieldError.tsx';

interface BilingualFieldsProps {
  /** The field's name in the form (`title`, `abstract`); inputs are named `<name>-en` and `<name>-zh`. */
  name: string;
  legend: string;
  hint?: string;
  en: string;
  zh: string;
  onChange: (lang: 'en' | 'zh', value: string) => void;
  multiline?: boolean;
  maxLength: number;
  /** What is wrong with each language's text, shown under its input. */
  errors?: { en?: string | undefined; zh?: string | undefined };
}

/** The English and Chinese text of one field side by side, each marked with its language. */
export function BilingualFields({ name, legend, hint, en, zh, onChange, multiline = false, maxLength, errors = {} }: BilingualFieldsProps) {
  const { t } = useTranslation('projects');
  const id = useId();
  const langs = [
    { lang: 'en' as const, html: 'en', value: en, label: t('form.inEnglish') },
    { lang: 'zh' as const, html: 'zh-Hans', value: zh, label: t('form.inChinese') },
  ];
  return (
    <fieldset className="fieldset bilingual-fields">
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="bilingual-pair">
        {langs.map(({ lang, html, value, label }) => {
          const inputId = `${id}-${lang}`;
          const error = errors[lang];
          const common = {
            id: inputId,
            name: `${name}-${lang}`,
            lang: html,
            value,
            maxLength,
            'aria-invalid': error ? true : undefined,
            'aria-describedby': [hint ? `${id}-hint` : '', error ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined,
          };
          return (
            <div className="field" key={lang}>
              <label htmlFor={inputId}>
                {label}
                {!value.trim() && <span className="badge badge-warn">{t('form.missingLanguage')}</span>}
              </label>
              {multiline ? (
                <textarea {...common} rows={7} onChange={(e) => onChange(lang, e.target.value)} />
              ) : (
                <input {...common} onChange={(e) => onChange(lang, e.target.value)} />
              )}
              <FieldError id={`${inputId}-error`} text={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
