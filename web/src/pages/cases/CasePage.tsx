// /cases/:id: one mediation case for its people (parties, their representatives, the
// mediators proposed). A stepper of the Law's stages with what happens now and what this
// user must do next (the server's `can`), the days left, the parties and their consent,
// then the sections of the stages reached: invitation, mediators, contract, the running
// term, the settlement and the ending. Withdrawing is offered at every stage (Art. 5).
import { useEffect, useRef } from 'preact/hooks';
import type { User } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { ContractSection } from './ContractSection';
import { EndedSection } from './EndedSection';
import { InvitationSection } from './InvitationSection';
import { MediatorsSection } from './MediatorsSection';
import { formatWhen } from './parts';
import { RunningSection } from './RunningSection';
import { SettlementSection } from './SettlementSection';
import { nextStep, STEPS, stepStates } from './stage';
import { useCase } from './useCase';

export function CasePage({ caseId, user }: { caseId: string; user: User }) {
  const { t, language } = useT();
  const { api } = useSession();
  const state = useCase(caseId);
  const { kase, busy, act } = state;
  const statusRef = useRef<HTMLDivElement>(null);

  // A step that changed the stage moves focus to "what now", so it is heard and seen.
  const stage = kase?.stage;
  const firstStage = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!stage) return;
    if (firstStage.current === undefined) firstStage.current = stage;
    else statusRef.current?.focus();
  }, [stage]);

  if (state.missing) {
    return (
      <Page title={t('cases.case.missingTitle')} testId="case-missing">
        <p>{t('cases.case.missing')}</p>
        <p>
          <Link href="/cases">{t('cases.list.title')}</Link>
        </p>
      </Page>
    );
  }
  if (!kase) {
    return (
      <Page title={t('cases.case.title')} testId="case">
        <LiveMessage kind="error" message={state.loadError} testId="case-load-error" />
        {state.loadError ? (
          <button type="button" class="button" data-testid="case-retry" onClick={state.reload}>
            {t('cases.retry')}
          </button>
        ) : (
          <p class="loading">{t('status.loading')}</p>
        )}
      </Page>
    );
  }

  const can = new Set(kase.can);
  const states = stepStates(kase.stage);
  const next = nextStep(kase);
  const reached = (s: (typeof STEPS)[number]) => STEPS.indexOf(kase.stage) >= STEPS.indexOf(s);
  const endedEarly = kase.stage === 'ended' && !kase.contract;

  return (
    <Page title={t('cases.case.title')} testId="case">
      <p class="lead" data-testid="case-category">
        {t(`cases.categories.${kase.category}`)}
      </p>
      <p class="case__subject" data-testid="case-subject">
        {kase.subject}
      </p>
      <ol class="case__steps" aria-label={t('cases.case.stepsLabel')} data-testid="case-steps" data-stage={kase.stage}>
        {STEPS.map((step, i) => (
          <li key={step} class={`case__step case__step--${states[i] ?? 'todo'}`} aria-current={step === kase.stage ? 'step' : undefined}>
            <span class="case__step-mark" aria-hidden="true">
              {String(i + 1)}
            </span>
            <span>{t(`cases.steps.${step}`)}</span>
            <span class="visually-hidden">{t(`cases.stepState.${states[i] ?? 'todo'}`)}</span>
          </li>
        ))}
      </ol>
      <div
        ref={statusRef}
        tabIndex={-1}
        class="notice case__now"
        data-testid="case-now"
        data-next={next}
        data-stage={kase.stage}
      >
        <h2>{t('cases.case.now')}</h2>
        <p data-testid="case-next">{t(`cases.next.${next}`)}</p>
        {kase.stage === 'inviting' && kase.invitation && (
          <p data-testid="case-invitation-days">
            {t('cases.case.invitationDaysLeft', {
              count: kase.invitation.days_left,
              date: formatWhen(kase.invitation.deadline, language),
            })}
          </p>
        )}
        {kase.stage === 'running' && kase.clock && (
          <p data-testid="case-days-left" data-days={kase.clock.days_left}>
            {t('cases.case.daysLeft', { count: kase.clock.days_left, date: formatWhen(kase.clock.ends_on, language) })}
          </p>
        )}
      </div>
      <LiveMessage kind="status" message={state.status} testId="case-status" />
      <LiveMessage kind="error" message={state.error} testId="case-error" />

      <section class="card" aria-labelledby="case-parties-title" data-testid="case-parties">
        <h2 id="case-parties-title">{t('cases.case.parties')}</h2>
        <ul class="plain">
          {kase.parties.map((party) => (
            <li key={party.id} data-testid="case-party" data-consented={party.consented_at ? 'yes' : 'no'}>
              <strong>{party.name}</strong>
              {party.id === kase.my_party_id && ` ${t('cases.case.youMark')}`}{' '}
              <span class="field__hint">
                {t(`cases.new.idName.${party.kind}`)} {party.identifier}
              </span>{' '}
              <span class={party.consented_at ? 'badge badge--ok' : 'badge'}>
                {party.consented_at
                  ? t('cases.case.consented', { date: formatWhen(party.consented_at, language) })
                  : t('cases.case.notConsented')}
              </span>
              {party.representatives.map((r) => (
                <p key={r.id} class="field__hint">
                  {t('cases.case.representative', { name: r.name, powers: r.powers })}
                </p>
              ))}
            </li>
          ))}
        </ul>
      </section>

      {kase.stage === 'inviting' && <InvitationSection kase={kase} state={state} inviter={user.display_name} />}
      {reached('choosing_mediator') && !endedEarly && <MediatorsSection kase={kase} state={state} user={user} />}
      {reached('contracting') && !endedEarly && <ContractSection kase={kase} state={state} />}
      {reached('running') && kase.clock && <RunningSection kase={kase} state={state} />}
      {reached('running') && kase.clock && <SettlementSection kase={kase} state={state} />}
      {kase.stage === 'ended' && <EndedSection kase={kase} state={state} />}

      {can.has('withdraw') && (
        <section class="card" aria-labelledby="case-withdraw-title" data-testid="case-withdraw-section">
          <h2 id="case-withdraw-title">{t('cases.withdraw.title')}</h2>
          <p>{t('cases.withdraw.explain')}</p>
          <ConfirmButton
            label={t('cases.withdraw.button')}
            question={t('cases.withdraw.question')}
            confirmLabel={t('cases.withdraw.confirm')}
            busy={busy}
            testId="case-withdraw"
            onConfirm={async () => {
              await act((version) => api.withdraw(kase.id, version), [], t('cases.withdraw.done'));
            }}
          />
        </section>
      )}
    </Page>
  );
}
