// Interface language: i18next with the three bundled catalogues (kk, ru, en).
// Plurals use i18next's v4 JSON suffixes (_one/_few/_many/_other), resolved by
// Intl.PluralRules, i.e. the CLDR rules of each language.
// The chosen language lives in localStorage; for a signed-in user the server copy wins.
import i18next, { type TFunction } from 'i18next';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';
export const catalogues = { kk, ru, en } as const;

const STORAGE_KEY = 'kelisim.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Picks the first of the browser's preferred languages we support (by primary subtag). */
export function languageFromPreferences(preferred: readonly string[]): Language | undefined {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled (private mode, policy)
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not fatal: the choice just lasts for this page.
  }
}

/** Stored choice, else the browser's preferences, else Russian. */
export function initialLanguage(): Language {
  return storedLanguage() ?? languageFromPreferences(navigator.languages) ?? DEFAULT_LANGUAGE;
}

export function currentLanguage(): Language {
  const language = i18next.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

export async function initI18n(language: Language): Promise<TFunction> {
  const t = await i18next.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: {
      kk: { translation: kk },
      ru: { translation: ru },
      en: { translation: en },
    },
    initAsync: false,
    interpolation: { escapeValue: false }, // Preact escapes text itself
    returnNull: false,
  });
  document.documentElement.lang = language;
  return t;
}

/** Switches the interface language and the document's lang attribute. */
export async function applyLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
