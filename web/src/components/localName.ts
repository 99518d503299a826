// Picks the name in the interface language, falling back to Russian, Kazakh, English.
import type { LocalisedName } from '../api/types';
import type { Language } from '../i18n';

export function localName(name: LocalisedName, language: Language): string {
  return name[language] ?? name.ru ?? name.kk ?? name.en ?? '';
}
