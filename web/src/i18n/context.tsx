// Makes components re-render when the interface language changes: the context value
// changes with the language, and every consumer of useT() re-renders.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { TFunction } from 'i18next';
import { currentLanguage, i18next, type Language } from './index';

interface I18nValue {
  t: TFunction;
  language: Language;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [value, setValue] = useState<I18nValue>(() => ({
    t: i18next.t.bind(i18next),
    language: currentLanguage(),
  }));
  useEffect(() => {
    const onChange = () => {
      setValue({ t: i18next.t.bind(i18next), language: currentLanguage() });
    };
    i18next.on('languageChanged', onChange);
    return () => {
      i18next.off('languageChanged', onChange);
    };
  }, []);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() outside <I18nProvider>');
  return value;
}
