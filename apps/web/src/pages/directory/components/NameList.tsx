import type { PartyName } from '@qiao/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderNames } from '../../../lib/names.ts';

// Tag each name with its language so screen readers pronounce it correctly.
const HTML_LANG: Record<PartyName['lang'], string> = {
  en: 'en',
  'zh-Hans': 'zh-Hans',
  'zh-Hant': 'zh-Hant',
  'zh-Latn': 'zh-Latn-pinyin',
};

/** Every name of a party, the one for the reader's language first. */
export function NameList({ names, children }: { names: readonly PartyName[]; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [first, ...rest] = orderNames(names, i18n.language === 'zh' ? 'zh' : 'en');
  if (!first) return null;
  return (
    <div className="names">
      <span className="name-primary" lang={HTML_LANG[first.lang]}>
        {first.value}
      </span>
      {children}
      {rest.length > 0 && (
        <ul className="name-others">
          {rest.map((name) => (
            <li key={`${name.lang}:${name.value}`}>
              <span className="name-lang">{t(`directory.nameLang.${name.lang}`)}</span>{' '}
              <span lang={HTML_LANG[name.lang]}>{name.value}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
