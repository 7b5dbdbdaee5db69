import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface TwoTexts {
  en: string;
  zh: string;
}

interface BilingualFieldsProps {
  label: string;
  /** Used for the inputs' names: `${name}-en`, `${name}-zh`. */
  name: string;
  value: TwoTexts;
  onChange: (next: TwoTexts) => void;
  multiline?: boolean;
  required?: boolean;
  hint?: string;
}

/** English and Chinese side by side, so an editor sees both versions of the same text at once. */
export function BilingualFields({ label, name, value, onChange, multiline, required, hint }: BilingualFieldsProps) {
  const { t } = useTranslation('groups');
  const id = useId();
  return (
    <fieldset className="fieldset bilingual-fields">
      <legend>
        {label}
        {required && <span className="muted"> ({t('form.oneLanguageRequired')})</span>}
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
            onChange: (e: { target: { value: string } }) => onChange({ ...value, [lang]: e.target.value }),
          };
          return (
            <div className="field" key={lang}>
              <label htmlFor={inputId}>{t(`form.lang.${lang}`)}</label>
              {multiline ? <textarea rows={5} {...props} /> : <input type="text" {...props} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
