// The settlement (Art. 27): its versions with their PDFs, what changed between any two
// (field by field, word by word, obligations added, removed or changed), the editor that
// asks for every item the Law requires, and the signatures of every party and mediator. A new
// version clears the signatures of the previous one; the last signature settles the case.
import { useState } from 'preact/hooks';
import { caseLinks, type Case, type ObligationDraft, type SettlementVersion } from '../../api/cases-client';
import { SelectField, TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { diffSettlements, type WordPart } from './diff';
import { formatWhen, Section, SignBox, SignedBy, StepForm } from './parts';
import { whoName } from './stage';
import type { CaseState } from './useCase';

const MAX_OBLIGATIONS = 50;

export function SettlementSection({ kase, state }: { kase: Case; state: CaseState }) {
  const { t, language } = useT();
  const can = new Set(kase.can);
  const versions = kase.settlement?.versions ?? [];
  const latest = versions[versions.length - 1];
  if (!latest && !can.has('draft_settlement')) return null;
  return (
    <Section id="case-settlement" title={t('cases.settlement.title')}>
      <p>{t('cases.settlement.explain')}</p>
      {versions.length > 0 && (
        <>
          <h3>{t('cases.settlement.versions')}</h3>
          <ol class="case__versions" data-testid="case-settlement-versions">
            {versions.map((v) => (
              <li key={v.number} data-number={v.number}>
                {t('cases.settlement.versionLine', {
                  number: v.number,
                  name: whoName(kase, v.by),
                  date: formatWhen(v.at, language),
                })}{' '}
                <a href={caseLinks.settlementPdf(kase.id, v.number)} download data-testid="case-settlement-pdf">
                  {t('cases.settlement.pdf', { number: v.number })}
                </a>
              </li>
            ))}
          </ol>
        </>
      )}
      {versions.length > 1 && <VersionDiff kase={kase} versions={versions} />}
      {latest && (
        <>
          <h3>{t('cases.settlement.signedBy', { number: latest.number })}</h3>
          <SignedBy kase={kase} signatures={kase.settlement?.signatures ?? []} testId="case-settlement-signers" />
        </>
      )}
      {can.has('sign_settlement') && latest && <SignForm kase={kase} state={state} version={latest} />}
      {can.has('draft_settlement') && <SettlementEditor key={latest?.number ?? 0} kase={kase} state={state} from={latest} />}
    </Section>
  );
}

function Words({ parts }: { parts: readonly WordPart[] }) {
  const { t } = useT();
  return (
    <span class="diff">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} aria-label={t('cases.diff.addedWords', { text: p.text })}>
            {p.text}
          </ins>
        ) : (
          <del key={i} aria-label={t('cases.diff.removedWords', { text: p.text })}>
            {p.text}
          </del>
        ),
      )}
    </span>
  );
}

function VersionDiff({ kase, versions }: { kase: Case; versions: readonly SettlementVersion[] }) {
  const { t, language } = useT();
  const numbers = versions.map((v) => String(v.number));
  const [from, setFrom] = useState(numbers[numbers.length - 2] ?? '');
  const [to, setTo] = useState(numbers[numbers.length - 1] ?? '');
  const a = versions.find((v) => String(v.number) === from);
  const b = versions.find((v) => String(v.number) === to);
  const diff = a && b ? diffSettlements(a, b) : undefined;
  const options = numbers.map((n) => ({ value: n, label: t('cases.diff.version', { number: n }) }));
  const obligationLine = (o: ObligationDraft) =>
    t('cases.diff.obligationLine', { name: whoName(kase, o.owed_by), what: o.what, how: o.how, date: formatWhen(o.due, language) });
  const shown = (field: string, text: string) => (field === 'owed_by' ? whoName(kase, text) : field === 'due' ? formatWhen(text, language) : text);
  return (
    <div class="case__subsection" data-testid="case-diff">
      <h3>{t('cases.diff.title')}</h3>
      <div class="case__diff-pick">
        <SelectField id="case-diff-from" label={t('cases.diff.from')} value={from} onValue={setFrom} options={options} testId="case-diff-from" />
        <SelectField id="case-diff-to" label={t('cases.diff.to')} value={to} onValue={setTo} options={options} testId="case-diff-to" />
      </div>
      {diff?.same && <p data-testid="case-diff-same">{t('cases.diff.same')}</p>}
      {diff && !diff.same && (
        <dl class="facts case__diff" data-testid="case-diff-result">
          {diff.texts.map((change) => (
            <div key={change.field} data-testid="case-diff-field" data-field={change.field}>
              <dt>{t(`cases.settlement.${change.field}`)}</dt>
              <dd>
                <Words parts={change.parts} />
              </dd>
            </div>
          ))}
          {diff.obligations.map((change) => (
            <div key={`${change.kind}-${change.index}`} data-testid="case-diff-obligation" data-kind={change.kind}>
              <dt>{t(`cases.diff.obligation.${change.kind}`, { number: change.index + 1 })}</dt>
              <dd>
                {change.kind === 'changed' ? (
                  <ul class="plain">
                    {change.fields.map((f) => (
                      <li key={f.field}>
                        {t(`cases.settlement.obligation.${f.field}`)}:{' '}
                        {f.field === 'owed_by' || f.field === 'due' ? (
                          <>
                            <del>{shown(f.field, f.parts.filter((p) => p.kind !== 'added').map((p) => p.text).join(''))}</del>{' '}
                            <ins>{shown(f.field, f.parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join(''))}</ins>
                          </>
                        ) : (
                          <Words parts={f.parts} />
                        )}
                      </li>
                    ))}
                  </ul>
                ) : change.kind === 'added' ? (
                  <ins>{obligationLine(change.obligation)}</ins>
                ) : (
                  <del>{obligationLine(change.obligation)}</del>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function SignForm({ kase, state, version }: { kase: Case; state: CaseState; version: SettlementVersion }) {
  const { t } = useT();
  const { api } = useSession();
  const [cms, setCms] = useState<string | undefined>(undefined);
  return (
    <div class="case__subsection">
      <h3>{t('cases.settlement.signTitle', { number: version.number })}</h3>
      <p>{t('cases.settlement.signExplain')}</p>
      <StepForm
        id="case-settlement-sign"
        busy={state.busy}
        submit={t('cases.settlement.sign')}
        onSend={() =>
          state.act(
            (v) => api.signSettlement(kase.id, version.number, { document_hash: version.document_hash, ...(cms ? { cms } : {}) }, v),
            ['cms'],
            t('cases.settlement.signed'),
          )
        }
      >
        {(errors) => <SignBox id="case-settlement-cms" onCms={setCms} error={errors.fields.cms} />}
      </StepForm>
    </div>
  );
}

const emptyObligation = (owedBy: string): ObligationDraft => ({ owed_by: owedBy, what: '', how: '', due: '' });

function SettlementEditor({ kase, state, from }: { kase: Case; state: CaseState; from: SettlementVersion | undefined }) {
  const { t } = useT();
  const { api } = useSession();
  const [place, setPlace] = useState(from?.place ?? kase.contract?.place ?? '');
  const [terms, setTerms] = useState(from?.terms ?? '');
  const [consequences, setConsequences] = useState(from?.consequences ?? '');
  const [obligations, setObligations] = useState<ObligationDraft[]>(
    from?.obligations.map(({ owed_by, what, how, due }) => ({ owed_by, what, how, due })) ?? [emptyObligation(kase.parties[1]?.id ?? '')],
  );
  const partyOptions = kase.parties.map((p) => ({ value: p.id, label: p.name }));
  const setOne = (index: number, patch: Partial<ObligationDraft>) => {
    setObligations(obligations.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  };
  const fieldNames = ['place', 'terms', 'consequences', 'obligations', ...obligations.flatMap((_, i) => ['owed_by', 'what', 'how', 'due'].map((f) => `obligations[${i}].${f}`))];
  return (
    <details class="case__subsection" open={!from} data-testid="case-settlement-editor">
      <summary>{from ? t('cases.settlement.changeTitle') : t('cases.settlement.draftTitle')}</summary>
      {from && <p class="field__hint">{t('cases.settlement.changeNote')}</p>}
      <StepForm
        id="case-settlement-draft"
        busy={state.busy}
        submit={t('cases.settlement.save')}
        validate={() => {
          const fields: Record<string, string> = {};
          const required = t('validation.required');
          if (!place.trim()) fields.place = required;
          if (!terms.trim()) fields.terms = required;
          if (!consequences.trim()) fields.consequences = required;
          if (obligations.length === 0) fields.obligations = t('cases.settlement.oneObligation');
          obligations.forEach((o, i) => {
            for (const f of ['owed_by', 'what', 'how', 'due'] as const) if (!o[f].trim()) fields[`obligations[${i}].${f}`] = required;
          });
          return fields;
        }}
        onSend={() =>
          state.act(
            (v) =>
              api.draftSettlement(
                kase.id,
                {
                  place: place.trim(),
                  terms: terms.trim(),
                  consequences: consequences.trim(),
                  obligations: obligations.map((o) => ({ ...o, what: o.what.trim(), how: o.how.trim() })),
                },
                v,
              ),
            fieldNames,
            t('cases.settlement.saved'),
          )
        }
      >
        {(errors) => (
          <>
            <TextField id="case-settlement-place" label={t('cases.settlement.place')} value={place} onValue={setPlace} maxLength={300} error={errors.fields.place} required testId="case-settlement-place" />
            <TextField
              id="case-settlement-terms"
              label={t('cases.settlement.terms')}
              hint={t('cases.settlement.termsHint')}
              value={terms}
              onValue={setTerms}
              multiline={6}
              maxLength={20000}
              error={errors.fields.terms}
              required
              testId="case-settlement-terms"
            />
            <fieldset class="case__obligations" id="obligations" tabIndex={-1} aria-invalid={errors.fields.obligations ? 'true' : undefined}>
              <legend>{t('cases.settlement.obligations')}</legend>
              <p class="field__hint">{t('cases.settlement.obligationsHint')}</p>
              {errors.fields.obligations && <p class="field__error">{errors.fields.obligations}</p>}
              {obligations.map((o, i) => (
                <fieldset key={i} class="card case__obligation" data-testid="case-obligation">
                  <legend>{t('cases.settlement.obligationN', { number: i + 1 })}</legend>
                  <SelectField
                    id={`case-obligation-${i}-owed_by`}
                    label={t('cases.settlement.obligation.owed_by')}
                    placeholder={t('cases.settlement.chooseParty')}
                    value={o.owed_by}
                    onValue={(owed_by) => {
                      setOne(i, { owed_by });
                    }}
                    options={partyOptions}
                    error={errors.fields[`obligations[${i}].owed_by`]}
                    testId="case-obligation-owed-by"
                  />
                  <TextField id={`case-obligation-${i}-what`} label={t('cases.settlement.obligation.what')} value={o.what} onValue={(what) => { setOne(i, { what }); }} multiline={2} maxLength={2000} error={errors.fields[`obligations[${i}].what`]} testId="case-obligation-what" />
                  <TextField id={`case-obligation-${i}-how`} label={t('cases.settlement.obligation.how')} hint={t('cases.settlement.howHint')} value={o.how} onValue={(how) => { setOne(i, { how }); }} maxLength={1000} error={errors.fields[`obligations[${i}].how`]} testId="case-obligation-how" />
                  <TextField id={`case-obligation-${i}-due`} type="date" label={t('cases.settlement.obligation.due')} value={o.due} onValue={(due) => { setOne(i, { due }); }} error={errors.fields[`obligations[${i}].due`]} testId="case-obligation-due" />
                  {obligations.length > 1 && (
                    <button
                      type="button"
                      class="button button--secondary button--quiet"
                      onClick={() => {
                        setObligations(obligations.filter((_, k) => k !== i));
                      }}
                    >
                      {t('cases.settlement.removeObligation', { number: i + 1 })}
                    </button>
                  )}
                </fieldset>
              ))}
              {obligations.length < MAX_OBLIGATIONS && (
                <button
                  type="button"
                  class="button button--secondary"
                  data-testid="case-obligation-add"
                  onClick={() => {
                    setObligations([...obligations, emptyObligation(kase.parties[1]?.id ?? '')]);
                  }}
                >
                  {t('cases.settlement.addObligation')}
                </button>
              )}
            </fieldset>
            <TextField
              id="case-settlement-consequences"
              label={t('cases.settlement.consequences')}
              hint={t('cases.settlement.consequencesHint')}
              value={consequences}
              onValue={setConsequences}
              multiline={3}
              maxLength={4000}
              error={errors.fields.consequences}
              required
              testId="case-settlement-consequences"
            />
          </>
        )}
      </StepForm>
    </details>
  );
}
