// Three buttons, one per interface language, each labelled in its own language.
import { LANGUAGES } from '../i18n';
import { useT } from '../i18n/context';
import { useSession } from '../session';

export function LanguageSwitcher() {
  const { t, language } = useT();
  const { changeLanguage } = useSession();
  return (
    <div class="languages" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          class="languages__button"
          lang={code}
          aria-pressed={code === language}
          data-testid={`language-${code}`}
          onClick={() => void changeLanguage(code)}
        >
          {t(`language.${code}`)}
        </button>
      ))}
    </div>
  );
}
