// While the mediation runs (Art. 17, 20 p.9, 23, 25): the term and the days left, the
// extensions (requested, agreed or declined; 60 days in all at most; the joint notice to a
// court where a case is pending), and for the mediator: ruling settlement out (it ends the
// case) and recording a threat to a child — the only thing that lifts confidentiality.
import { useState } from 'preact/hooks';
import { caseLinks, type Case } from '../../api/cases-client';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { formatWhen, Section, StepForm } from './parts';
import { whoName } from './stage';
import type { CaseState } from './useCase';

const TERM_LIMIT = 60;

export function RunningSection({ kase, state }: { kase: Case; state: CaseState }) {
  const { t, language } = useT();
  const { api } = useSession();
  const can = new Set(kase.can);
  const clock = kase.clock;
  if (!clock) return null;
  const pending = kase.pending_extension;
  const room = TERM_LIMIT - clock.term_days;
  return (
    <Section id="case-term" title={t('cases.term.title')}>
      <dl class="facts" data-testid="case-term-facts">
        <dt>{t('cases.term.started')}</dt>
        <dd>{formatWhen(clock.started_at, language)}</dd>
        <dt>{t('cases.term.term')}</dt>
        <dd data-testid="case-term-days">{t('cases.term.days', { count: clock.term_days })}</dd>
        <dt>{t('cases.term.endsOn')}</dt>
        <dd>{formatWhen(clock.ends_on, language)}</dd>
      </dl>
      {kase.extensions.length > 0 && (
        <>
          <h3>{t('cases.term.extensions')}</h3>
          <ul>
            {kase.extensions.map((e, index) => (
              <li key={e.granted_at}>
                {t('cases.term.extensionLine', {
                  count: e.days,
                  date: formatWhen(e.granted_at, language),
                  name: whoName(kase, e.requested_by),
                })}
                {e.court_notice && (
                  <>
                    {' '}
                    <a href={caseLinks.courtNotice(kase.id, index)} download>
                      {t('cases.term.courtNotice')}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {pending && (
        <div class="notice" data-testid="case-extension-pending">
          <p>
            {t('cases.term.pending', {
              count: pending.days,
              name: whoName(kase, pending.requested_by),
              agreed: pending.agreed_by.map((id) => whoName(kase, id)).join(', '),
            })}
          </p>
          {can.has('agree_extension') && (
            <div class="actions">
              <button
                type="button"
                class="button"
                disabled={state.busy}
                data-testid="case-extension-agree"
                onClick={() => void state.act((v) => api.agreeExtension(kase.id, v), [], t('cases.term.agreed'))}
              >
                {t('cases.term.agree')}
              </button>
              <button
                type="button"
                class="button button--secondary"
                disabled={state.busy}
                data-testid="case-extension-decline"
                onClick={() => void state.act((v) => api.declineExtension(kase.id, v), [], t('cases.term.declined'))}
              >
                {t('cases.term.decline')}
              </button>
            </div>
          )}
        </div>
      )}
      {can.has('extend') && !pending && room > 0 && <ExtensionForm kase={kase} state={state} room={room} />}
      {can.has('extend') && room <= 0 && <p class="field__hint">{t('cases.term.noMore')}</p>}
      {can.has('rule_out') && <RuleOutForm kase={kase} state={state} />}
      {can.has('record_child_threat') && <ChildThreatForm kase={kase} state={state} />}
      {kase.child_threats.length > 0 && (
        <p class="notice notice--warning" data-testid="case-child-threats">
          {t('cases.childThreat.recorded', { count: kase.child_threats.length })}
        </p>
      )}
    </Section>
  );
}

function ExtensionForm({ kase, state, room }: { kase: Case; state: CaseState; room: number }) {
  const { t } = useT();
  const { api } = useSession();
  const [days, setDays] = useState('');
  return (
    <div class="case__subsection">
      <h3>{t('cases.term.extendTitle')}</h3>
      <p>{t(kase.court_case_pending ? 'cases.term.extendCourt' : 'cases.term.extendOutOfCourt')}</p>
      <StepForm
        id="case-extend"
        busy={state.busy}
        submit={t('cases.term.extend')}
        validate={() => {
          const n = Number(days);
          return Number.isInteger(n) && n >= 1 && n <= room ? {} : { days: t('cases.term.daysRange', { count: room }) };
        }}
        onSend={() => state.act((v) => api.requestExtension(kase.id, Number(days), v), ['days'], t('cases.term.requested'))}
      >
        {(errors) => (
          <TextField
            id="case-extend-days"
            type="number"
            inputMode="numeric"
            min={1}
            max={room}
            label={t('cases.term.extendDays')}
            hint={t('cases.term.extendHint', { count: room })}
            value={days}
            onValue={setDays}
            error={errors.fields.days}
            testId="case-extend-days"
          />
        )}
      </StepForm>
    </div>
  );
}

function RuleOutForm({ kase, state }: { kase: Case; state: CaseState }) {
  const { t } = useT();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  return (
    <details class="case__subsection">
      <summary>{t('cases.ruleOut.title')}</summary>
      <p>{t('cases.ruleOut.explain')}</p>
      <StepForm
        id="case-rule-out"
        busy={state.busy}
        danger
        submit={t('cases.ruleOut.submit')}
        validate={() => (reason.trim() ? {} : { reason: t('validation.required') })}
        onSend={() => state.act((v) => api.ruleOut(kase.id, reason.trim(), v), ['reason'], t('cases.ruleOut.done'))}
      >
        {(errors) => (
          <TextField
            id="case-rule-out-reason"
            label={t('cases.ruleOut.reason')}
            value={reason}
            onValue={setReason}
            multiline={4}
            maxLength={2000}
            error={errors.fields.reason}
            testId="case-rule-out-reason"
          />
        )}
      </StepForm>
    </details>
  );
}

function ChildThreatForm({ kase, state }: { kase: Case; state: CaseState }) {
  const { t } = useT();
  const { api } = useSession();
  const [note, setNote] = useState('');
  return (
    <details class="case__subsection">
      <summary>{t('cases.childThreat.title')}</summary>
      <p class="notice notice--warning" role="note">
        {t('cases.childThreat.warning')}
      </p>
      <StepForm
        id="case-child-threat"
        busy={state.busy}
        danger
        submit={t('cases.childThreat.submit')}
        validate={() => (note.trim() ? {} : { note: t('validation.required') })}
        onSend={async () => {
          const result = await state.act((v) => api.recordChildThreat(kase.id, note.trim(), v), ['note'], t('cases.childThreat.done'));
          if (!result) setNote('');
          return result;
        }}
      >
        {(errors) => (
          <TextField
            id="case-child-threat-note"
            label={t('cases.childThreat.note')}
            value={note}
            onValue={setNote}
            multiline={4}
            maxLength={4000}
            error={errors.fields.note}
            testId="case-child-threat-note"
          />
        )}
      </StepForm>
    </details>
  );
}
