// Public landing page (/ for a visitor who is not signed in): the way to ask a question
// first — the receptions and lines open now, each with its "Ask a question" — then how it
// works, signing in and up, and what Kelisim is.
import type { Reception } from '../../api/types';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { ReceptionList, useReceptions, type Receptions } from '../receptions/ReceptionList';

const OPEN_TITLE_ID = 'open-now';
const HOW_STEPS = ['describe', 'queue', 'answer'] as const;

/** An event under way, or a permanent line (open now or taking questions for its next hours). */
const takesQuestions = (reception: Reception) => reception.status === 'open';

export function LandingPage() {
  const { t } = useT();
  const loaded = useReceptions(takesQuestions);
  // Those open at this moment first: there someone answers now.
  const receptions = { ...loaded, items: loaded.items?.sort((a, b) => Number(b.open_now) - Number(a.open_now)) };
  return (
    <Page title={t('landing.title')} testId="landing">
      <p class="lead">{t('landing.intro')}</p>
      <div class="actions">
        <AskLink receptions={receptions} />
      </div>

      <section aria-labelledby={OPEN_TITLE_ID}>
        <h2 id={OPEN_TITLE_ID} tabIndex={-1}>
          {t('landing.openTitle')}
        </h2>
        <ReceptionList
          receptions={receptions}
          heading="h3"
          testId="landing-open"
          empty={<p class="notice" data-testid="landing-none-open">{t('landing.noneOpen')}</p>}
        />
        <p>
          <Link href="/receptions" data-testid="landing-all-receptions">
            {t('landing.allReceptions')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('landing.howTitle')}</h2>
        <ol class="steps">
          {HOW_STEPS.map((step) => (
            <li key={step}>{t(`landing.how.${step}`)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="account-title">
        <h2 id="account-title">{t('landing.accountTitle')}</h2>
        <p>{t('landing.accountHint')}</p>
        <div class="actions">
          <Link href="/sign-in" class="button button--secondary" data-testid="landing-sign-in">
            {t('landing.signIn')}
          </Link>
          <Link href="/sign-up" class="button button--secondary" data-testid="landing-sign-up">
            {t('landing.signUp')}
          </Link>
        </div>
      </section>

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t('landing.aboutTitle')}</h2>
        <p>{t('landing.about')}</p>
        <p>
          <Link href="/mediators" data-testid="landing-mediators">
            {t('landing.mediators')}
          </Link>
        </p>
      </section>
    </Page>
  );
}

/**
 * The primary call to action: straight to the form when one reception takes questions, to
 * the list below when several do, to all receptions (upcoming ones too) when none does.
 */
function AskLink({ receptions }: { receptions: Receptions }) {
  const { t } = useT();
  const items = receptions.items ?? [];
  const label = t('landing.ask');
  const only = items.length === 1 ? items[0] : undefined;
  if (only || items.length === 0) {
    const href = only ? `/ask/${encodeURIComponent(only.id)}` : '/receptions';
    return (
      <Link href={href} class="button" data-testid="landing-ask">
        {label}
      </Link>
    );
  }
  // A jump within this page: a plain anchor, so the browser scrolls and moves focus.
  return (
    <a href={`#${OPEN_TITLE_ID}`} class="button" data-testid="landing-ask">
      {label}
    </a>
  );
}
