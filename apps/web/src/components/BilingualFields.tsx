import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './bilingual-fields.css';

export interface TwoTexts {
  en: string;
  zh: string;
}

export const EMPTY_TEXTS: TwoTexts = { en: '', zh: '' };

interface BilingualFieldsProps {
  label: string;
  /** Used for the inputs' names: `${name}-en`, `${name}-zh`. */
  name: string;
  value: TwoTexts;
  onChange: (next: TwoTexts) => void;
  onBlur?: () => void;
  multiline?: boolean;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  /** Shown under the pair and announced with both inputs (react-hook-form's error, or serverFieldError). */
  error?: string | undefined;
}

/** English and Chinese side by side, so an editor sees both versions of the same text at once. */
export function BilingualFields({ label, name, value, onChange, onBlur, multiline, required, hint, maxLength, error }: BilingualFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className="fieldset bilingual-fields" aria-invalid={error ? true : undefined}>
      <legend>
        {label}
        {required && <span className="muted"> ({t('bilingual.oneRequired')})</span>}
      </legend>
      {hint && <p className="hint">{hint}</p>}
      <div className="bilingual-pair">
        {(['en', 'zh'] as const).map((lang) => {
          const inputId = `${id}-${lang}`;
          const props = {
            id: inputId,
            name: `${name}-${lang}`,
            lang: lang === 'zh' ? 'zh-Hans' : 'en',
            value: value[lang],
            maxLength,
            'aria-describedby': error ? errorId : undefined,
            onBlur,
            onChange: (e: { target: { value: string } }) => onChange({ ...value, [lang]: e.target.value }),
          };
          return (
            <div className="field" key={lang}>
              <label htmlFor={inputId}>{t(`bilingual.fieldLang.${lang}`)}</label>
              {multiline ? <textarea rows={5} {...props} /> : <input type="text" {...props} />}
            </div>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="field-error-text" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
