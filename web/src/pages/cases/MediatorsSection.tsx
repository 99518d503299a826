// Choosing the mediator by mutual consent (Art. 10, Art. 16): the mediators put forward, who
// agreed to each, and each one's declaration of conflicts of interest; a party proposes one
// from the register (active ones, in the case's language and specialisation), agrees or
// rejects; the mediator proposed declares no conflict, or a conflict with a note.
import { useState } from 'preact/hooks';
import type { Case, CaseCategory, CaseMediator } from '../../api/cases-client';
import type { Mediator, Specialisation, User } from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { LiveMessage } from '../../components/LiveMessage';
import { TextField } from '../../components/TextField';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { formatWhen, Section, StepForm } from './parts';
import type { CaseState } from './useCase';

/** The register's specialisation for a case's category (none: any). */
export function specialisationFor(category: CaseCategory): Specialisation | undefined {
  if (category.startsWith('criminal_')) return 'criminal';
  if (category === 'other') return undefined;
  return category as Specialisation;
}

export function MediatorsSection({ kase, state, user }: { kase: Case; state: CaseState; user: User }) {
  const { t } = useT();
  const can = new Set(kase.can);
  const mine = kase.mediators.find((m) => m.user_id === user.id);
  return (
    <Section id="case-mediators" title={t('cases.mediators.title')}>
      {kase.stage === 'choosing_mediator' && <p>{t('cases.mediators.explain')}</p>}
      {kase.mediators.length === 0 && <p class="notice">{t('cases.mediators.none')}</p>}
      <ul class="plain case__mediators" data-testid="case-mediator-list">
        {kase.mediators.map((m) => (
          <MediatorRow key={m.register_id} kase={kase} mediator={m} state={state} />
        ))}
      </ul>
      {can.has('declare') && mine?.declaration === 'pending' && <DeclarationForm kase={kase} state={state} />}
      {can.has('propose_mediator') && <MediatorPicker kase={kase} state={state} />}
    </Section>
  );
}

function MediatorRow({ kase, mediator, state }: { kase: Case; mediator: CaseMediator; state: CaseState }) {
  const { t, language } = useT();
  const { api } = useSession();
  const agreedNames = mediator.agreed_by.map((id) => kase.parties.find((p) => p.id === id)?.name ?? id);
  const iAgreed = kase.my_party_id !== null && mediator.agreed_by.includes(kase.my_party_id);
  const canAgree = kase.can.includes('agree_mediator') && kase.my_party_id !== null && !iAgreed;
  return (
    <li class="card" data-testid="case-mediator" data-register-id={mediator.register_id} data-declaration={mediator.declaration}>
      <h3>{mediator.name}</h3>
      <p class="field__hint">{mediator.keeper}</p>
      {mediator.chosen && <p class="badge badge--ok">{t('cases.mediators.chosen')}</p>}
      <p data-testid="case-mediator-agreed">
        {agreedNames.length > 0
          ? t('cases.mediators.agreedBy', { names: agreedNames.join(', ') })
          : t('cases.mediators.agreedByNone')}
      </p>
      <p data-testid="case-mediator-declaration">
        {t(`cases.mediators.declaration.${mediator.declaration}`, {
          date: mediator.declared_at ? formatWhen(mediator.declared_at, language) : '',
        })}
      </p>
      {mediator.declaration === 'conflict' && mediator.conflict_note && <p class="notice">{mediator.conflict_note}</p>}
      {canAgree && (
        <div class="actions">
          <button
            type="button"
            class="button"
            disabled={state.busy}
            data-testid="case-mediator-agree"
            onClick={() =>
              void state.act((v) => api.agreeMediator(kase.id, mediator.register_id, v), [], t('cases.mediators.agreed'))
            }
          >
            {t('cases.mediators.agree')}
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={state.busy}
            data-testid="case-mediator-reject"
            onClick={() =>
              void state.act((v) => api.rejectMediator(kase.id, mediator.register_id, v), [], t('cases.mediators.rejected'))
            }
          >
            {t('cases.mediators.reject')}
          </button>
        </div>
      )}
    </li>
  );
}

function DeclarationForm({ kase, state }: { kase: Case; state: CaseState }) {
  const { t } = useT();
  const { api } = useSession();
  const [conflict, setConflict] = useState<'no' | 'yes' | ''>('');
  const [note, setNote] = useState('');
  return (
    <div class="case__subsection">
      <h3>{t('cases.declare.title')}</h3>
      <p>{t('cases.declare.explain')}</p>
      <StepForm
        id="case-declare"
        busy={state.busy}
        submit={t('cases.declare.submit')}
        validate={() => {
          if (!conflict) return { conflict: t('validation.chooseOne') };
          if (conflict === 'yes' && !note.trim()) return { note: t('validation.required') };
          return {};
        }}
        onSend={() =>
          state.act((v) => api.declare(kase.id, conflict === 'yes', note.trim(), v), ['conflict', 'note'], t('cases.declare.done'))
        }
      >
        {(errors) => (
          <>
            <ChoiceGroup<'no' | 'yes'>
              id="case-declare-conflict"
              type="radio"
              legend={t('cases.declare.question')}
              options={[
                { value: 'no', label: t('cases.declare.noConflict') },
                { value: 'yes', label: t('cases.declare.conflict') },
              ]}
              selected={conflict ? [conflict] : []}
              onChange={(s) => {
                setConflict(s[0] ?? '');
              }}
              error={errors.fields.conflict}
              testId="case-declare-conflict"
            />
            {conflict === 'yes' && (
              <TextField
                id="case-declare-note"
                label={t('cases.declare.note')}
                value={note}
                onValue={setNote}
                multiline={4}
                maxLength={2000}
                error={errors.fields.note}
                testId="case-declare-note"
              />
            )}
          </>
        )}
      </StepForm>
    </div>
  );
}

/** Active mediators of the register who mediate in the case's language and kind of dispute. */
function MediatorPicker({ kase, state }: { kase: Case; state: CaseState }) {
  const { t } = useT();
  const { api } = useSession();
  const specialisation = specialisationFor(kase.category);
  const register = useLoad(
    () => api.mediators({ status: 'active', language: kase.language, ...(specialisation ? { specialisation } : {}) }),
    [api, kase.language, specialisation],
  );
  const proposed = new Set(kase.mediators.map((m) => m.register_id));
  const choices = (register.data?.items ?? []).filter((m: Mediator) => m.status === 'active' && !proposed.has(m.id));
  return (
    <div class="case__subsection" data-testid="case-mediator-picker">
      <h3>{t('cases.mediators.proposeTitle')}</h3>
      <p>
        {t('cases.mediators.proposeExplain')} <Link href="/mediators">{t('cases.mediators.register')}</Link>
      </p>
      <LiveMessage kind="error" message={register.error} />
      {register.error && (
        <button type="button" class="button button--secondary" onClick={register.reload}>
          {t('cases.retry')}
        </button>
      )}
      {!register.data && !register.error && <p class="loading">{t('status.loading')}</p>}
      {register.data && choices.length === 0 && <p class="notice">{t('cases.mediators.noChoices')}</p>}
      <ul class="plain">
        {choices.map((m) => (
          <li key={m.id} class="case__choice" data-testid="case-mediator-choice" data-name={m.name}>
            <span>
              <strong>{m.name}</strong> <span class="field__hint">{m.keeper}</span>
            </span>
            <button
              type="button"
              class="button button--secondary"
              disabled={state.busy}
              aria-label={t('cases.mediators.proposeNamed', { name: m.name })}
              data-testid="case-mediator-propose"
              onClick={() =>
                void state.act((v) => api.proposeMediator(kase.id, m.id, v), [], t('cases.mediators.proposed'))
              }
            >
              {t('cases.mediators.propose')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
