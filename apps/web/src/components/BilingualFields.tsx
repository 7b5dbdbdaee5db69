import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldError.tsx';
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
  /** What is wrong with each language's text, shown under its own input; the hint is announced with both. */
  errors?: { en?: string | undefined; zh?: string | undefined };
  /** Labels for the two inputs when a module names the languages its own way. */
  langLabels?: TwoTexts;
  /** Marks a language whose text is still empty with this badge. */
  missingBadge?: string;
  rows?: number;
}

/** English and Chinese side by side, so an editor sees both versions of the same text at once. */
export function BilingualFields(props: BilingualFieldsProps) {
  const { label, name, value, onChange, onBlur, multiline, required, hint, maxLength, error, errors, langLabels, missingBadge, rows = 5 } = props;
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = errors && hint ? `${id}-hint` : undefined;
  return (
    <fieldset className="fieldset bilingual-fields" aria-invalid={error ? true : undefined}>
      <legend>
        {label}
        {required && <span className="muted"> ({t('bilingual.oneRequired')})</span>}
      </legend>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="bilingual-pair">
        {(['en', 'zh'] as const).map((lang) => {
          const inputId = `${id}-${lang}`;
          const langError = errors?.[lang];
          const describedBy = errors ? [hintId ?? '', langError ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined : error ? errorId : undefined;
          const input = {
            id: inputId,
            name: `${name}-${lang}`,
            lang: lang === 'zh' ? 'zh-Hans' : 'en',
            value: value[lang],
            maxLength,
            'aria-invalid': langError ? true : undefined,
            'aria-describedby': describedBy,
            onBlur,
            onChange: (e: { target: { value: string } }) => onChange({ ...value, [lang]: e.target.value }),
          };
          return (
            <div className="field" key={lang}>
              <label htmlFor={inputId}>
                {langLabels ? langLabels[lang] : t(`bilingual.fieldLang.${lang}`)}
                {missingBadge !== undefined && !value[lang].trim() && <span className="badge badge-warn">{missingBadge}</span>}
              </label>
              {multiline ? <textarea rows={rows} {...input} /> : <input type="text" {...input} />}
              {errors && <FieldError id={`${inputId}-error`} text={langError} />}
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
