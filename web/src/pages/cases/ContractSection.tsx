// The mediation contract (Art. 21, Art. 22, Art. 20 p.5): the current version's terms and
// its PDF, a draft (place, procedure, free or paid with the amount in tenge and each party's
// share), and the acceptance by each party and mediator, bound to the document's SHA-256,
// with an optional ЭЦП (a detached CMS signature). The last acceptance starts the mediation.
import { useState } from 'preact/hooks';
import { caseLinks, type Case, type Fee } from '../../api/cases-client';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { formatWhen, Section, SignBox, SignedBy, StepForm } from './parts';
import { whoName } from './stage';
import type { CaseState } from './useCase';

/** "150 000" tenge from tiyn (1 tenge = 100 tiyn), in the page's language. */
export function tenge(tiyn: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(tiyn / 100);
}

/** Tenge as typed ("150 000,50") to tiyn; NaN when it is not an amount. */
export function parseTenge(text: string): number {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

export function ContractSection({ kase, state }: { kase: Case; state: CaseState }) {
  const { t, language } = useT();
  const contract = kase.contract;
  const can = new Set(kase.can);
  return (
    <Section id="case-contract" title={t('cases.contract.title')}>
      {kase.stage === 'contracting' && <p>{t('cases.contract.explain')}</p>}
      {contract ? (
        <>
          <dl class="facts" data-testid="case-contract-terms" data-version={contract.version}>
            <dt>{t('cases.contract.version')}</dt>
            <dd>
              {t('cases.contract.versionLine', {
                version: contract.version,
                name: whoName(kase, contract.drafted_by),
                date: formatWhen(contract.drafted_at, language),
              })}
            </dd>
            <dt>{t('cases.contract.place')}</dt>
            <dd>{contract.place}</dd>
            {contract.procedure && (
              <>
                <dt>{t('cases.contract.procedure')}</dt>
                <dd class="case__text">{contract.procedure}</dd>
              </>
            )}
            <dt>{t('cases.contract.fee')}</dt>
            <dd data-testid="case-contract-fee">
              {contract.fee.kind === 'free'
                ? t('cases.contract.free')
                : t('cases.contract.paidLine', { amount: tenge(contract.fee.amount_tiyn, language) })}
            </dd>
            {contract.fee.kind === 'paid' && Object.keys(contract.fee.shares_percent).length > 0 && (
              <>
                <dt>{t('cases.contract.shares')}</dt>
                <dd data-testid="case-contract-shares">
                  {Object.entries(contract.fee.shares_percent)
                    .map(([id, percent]) => t('cases.contract.shareLine', { name: whoName(kase, id), percent }))
                    .join('; ')}
                </dd>
              </>
            )}
          </dl>
          <p>
            <a href={caseLinks.contractPdf(kase.id)} download data-testid="case-contract-pdf">
              {t('cases.contract.pdf')}
            </a>
          </p>
          <h3>{t('cases.contract.acceptedBy')}</h3>
          <SignedBy kase={kase} signatures={contract.acceptances} testId="case-contract-signers" />
        </>
      ) : (
        <p class="notice">{t('cases.contract.none')}</p>
      )}
      {can.has('accept_contract') && contract && <AcceptForm kase={kase} state={state} />}
      {can.has('draft_contract') && <ContractForm kase={kase} state={state} />}
    </Section>
  );
}

function AcceptForm({ kase, state }: { kase: Case; state: CaseState }) {
  const { t } = useT();
  const { api } = useSession();
  const [cms, setCms] = useState<string | undefined>(undefined);
  const contract = kase.contract;
  if (!contract) return null;
  return (
    <div class="case__subsection">
      <h3>{t('cases.contract.acceptTitle')}</h3>
      <p>{t('cases.contract.acceptExplain')}</p>
      <StepForm
        id="case-contract-accept"
        busy={state.busy}
        submit={t('cases.contract.accept')}
        onSend={() =>
          state.act(
            (v) =>
              api.acceptContract(
                kase.id,
                contract.version,
                { document_hash: contract.document_hash, ...(cms ? { cms } : {}) },
                v,
              ),
            ['cms'],
            t('cases.contract.accepted'),
          )
        }
      >
        {(errors) => <SignBox id="case-contract-cms" onCms={setCms} error={errors.fields.cms} />}
      </StepForm>
    </div>
  );
}

function ContractForm({ kase, state }: { kase: Case; state: CaseState }) {
  const { t, language } = useT();
  const { api } = useSession();
  const current = kase.contract;
  const [place, setPlace] = useState(current?.place ?? '');
  const [procedure, setProcedure] = useState(current?.procedure ?? '');
  const [kind, setKind] = useState<Fee['kind']>(current?.fee.kind ?? 'free');
  const [amount, setAmount] = useState(current && current.fee.kind === 'paid' ? tenge(current.fee.amount_tiyn, 'en').replace(/,/g, '') : '');
  const equal = Math.floor(100 / kase.parties.length);
  const [shares, setShares] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      kase.parties.map((p, i) => [
        p.id,
        String(current?.fee.shares_percent[p.id] ?? (i === 0 ? 100 - equal * (kase.parties.length - 1) : equal)),
      ]),
    ),
  );
  const publicOnly = kase.mediators.filter((m) => m.chosen).every((m) => m.is_public);
  return (
    <div class="case__subsection">
      <h3>{current ? t('cases.contract.redraftTitle') : t('cases.contract.draftTitle')}</h3>
      {current && <p class="field__hint">{t('cases.contract.redraftNote')}</p>}
      <StepForm
        id="case-contract-draft"
        busy={state.busy}
        submit={t('cases.contract.draft')}
        validate={() => {
          const fields: Record<string, string> = {};
          if (!place.trim()) fields.place = t('validation.required');
          if (kind === 'paid') {
            if (!(parseTenge(amount) > 0)) fields['fee.amount_tiyn'] = t('cases.contract.amountInvalid');
            const sum = Object.values(shares).reduce((a, s) => a + Number(s || 0), 0);
            if (sum !== 100) fields['fee.shares_percent'] = t('cases.contract.sharesSum', { sum });
          }
          return fields;
        }}
        onSend={() => {
          const fee: Fee =
            kind === 'free'
              ? { kind }
              : {
                  kind,
                  amount_tiyn: parseTenge(amount),
                  shares_percent: Object.fromEntries(Object.entries(shares).map(([id, s]) => [id, Number(s)])),
                };
          return state.act(
            (v) => api.draftContract(kase.id, { place: place.trim(), procedure: procedure.trim(), fee }, v),
            ['place', 'procedure', 'fee.amount_tiyn', 'fee.shares_percent', 'fee.kind', 'fee'],
            t('cases.contract.drafted'),
          );
        }}
      >
        {(errors) => (
          <>
            <TextField
              id="case-contract-place"
              label={t('cases.contract.place')}
              hint={t('cases.contract.placeHint')}
              value={place}
              onValue={setPlace}
              maxLength={300}
              error={errors.fields.place}
              required
              testId="case-contract-place"
            />
            <TextField
              id="case-contract-procedure"
              label={t('cases.contract.procedure')}
              hint={t('cases.contract.procedureHint')}
              value={procedure}
              onValue={setProcedure}
              multiline={4}
              maxLength={4000}
              error={errors.fields.procedure}
              testId="case-contract-procedure"
            />
            <ChoiceGroup<Fee['kind']>
              id="case-contract-fee"
              type="radio"
              legend={t('cases.contract.fee')}
              hint={publicOnly ? t('cases.contract.publicFree') : t('cases.contract.feeHint')}
              options={[
                { value: 'free', label: t('cases.contract.free') },
                { value: 'paid', label: t('cases.contract.paid') },
              ]}
              selected={[kind]}
              onChange={(s) => {
                setKind(s[0] ?? 'free');
              }}
              error={errors.fields['fee.kind'] ?? errors.fields.fee}
              testId="case-contract-fee"
            />
            {kind === 'paid' && (
              <>
                <TextField
                  id="case-contract-amount"
                  inputMode="numeric"
                  label={t('cases.contract.amount')}
                  value={amount}
                  onValue={setAmount}
                  error={errors.fields['fee.amount_tiyn']}
                  testId="case-contract-amount"
                />
                <fieldset class="choices" id="case-contract-shares">
                  <legend>{t('cases.contract.shares')}</legend>
                  {kase.parties.map((p) => (
                    <TextField
                      key={p.id}
                      id={`case-contract-share-${p.id}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100}
                      label={t('cases.contract.shareOf', { name: p.name })}
                      value={shares[p.id] ?? ''}
                      onValue={(value) => {
                        setShares({ ...shares, [p.id]: value });
                      }}
                      error={errors.fields['fee.shares_percent']}
                    />
                  ))}
                </fieldset>
              </>
            )}
            {kind === 'paid' && amount && parseTenge(amount) > 0 && (
              <p class="field__hint">{t('cases.contract.paidLine', { amount: tenge(parseTenge(amount), language) })}</p>
            )}
          </>
        )}
      </StepForm>
    </div>
  );
}
