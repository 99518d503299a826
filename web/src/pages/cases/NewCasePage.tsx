// /cases/new (also ?ticket=<id> from a consultation referred to mediation): opening a
// mediation case in three short steps that suit a phone. 1) The Art. 1 screening first — a
// refusal shows its ground and what to do instead, before anything else is asked; 2) the
// parties, the IIN/BIN control digit checked here as on the server; 3) the subject, the
// language of mediation and whether a court case is pending. Then the case's page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { CASE_CATEGORIES, type CaseInput, type CaseLanguage, type PartyKind, type YesNo } from '../../api/cases-client';
import type { User } from '../../api/types';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { focusFirstInvalid, formErrors, type FormErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { SelectField, TextField } from '../../components/TextField';
import { isEmail } from '../../components/validation';
import { currentLanguage } from '../../i18n';
import { useT } from '../../i18n/context';
import { Link, navigate, useSearch } from '../../router';
import { useSession } from '../../session';
import { checkBin, checkIin } from './identity';
import { NO_ERRORS } from './parts';
import { isCriminal, questions, screen, type ScreeningDraft } from './screening';

const SUBJECT_MAX = 4000;
const NAME_MAX = 300;

interface PartyDraft {
  name: string;
  kind: PartyKind;
  identifier: string;
  email: string;
}

/** The server's field names → the step they are on (a refusal takes the user back there). */
function stepOf(field: string): number {
  if (field.startsWith('screening') || field === 'category') return 1;
  if (field.startsWith('parties')) return 2;
  return 3;
}

export function NewCasePage({ user }: { user: User }) {
  const { t } = useT();
  const { api } = useSession();
  const search = useSearch();
  const ticketId = new URLSearchParams(search).get('ticket') ?? undefined;
  const [step, setStep] = useState(1);
  const [screening, setScreening] = useState<ScreeningDraft>({
    category: '',
    third_party_rights: '',
    incapable_party: '',
    state_body: '',
    corruption_crime: '',
  });
  const [refused, setRefused] = useState<string | undefined>(undefined);
  // A citizen opens their own case (the first party is themselves); a centre's staff open one
  // for two other parties, each with an e-mail for the invitation.
  const centre = user.role !== 'citizen';
  const [me, setMe] = useState<PartyDraft>({ name: centre ? '' : user.display_name, kind: 'person', identifier: '', email: '' });
  const [other, setOther] = useState<PartyDraft>({ name: '', kind: 'person', identifier: '', email: '' });
  const [subject, setSubject] = useState('');
  const [language, setLanguage] = useState<CaseLanguage>(currentLanguage());
  const [court, setCourt] = useState<YesNo | ''>('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // From a consultation: its question becomes the subject (the citizen may edit it).
  useEffect(() => {
    if (!ticketId) return;
    api.ticket(ticketId).then(
      (ticket) => {
        if (!ticket.erased) setSubject((s) => s || ticket.description.slice(0, SUBJECT_MAX));
      },
      () => undefined,
    );
  }, [api, ticketId]);

  // Each step's heading takes focus, so a screen reader hears where the form went.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [step, refused]);

  const focusInvalid = () => {
    requestAnimationFrame(() => {
      focusFirstInvalid(form.current);
    });
  };

  const identifierProblem = (party: PartyDraft): string | undefined => {
    const value = party.identifier.trim();
    if (!value) return t('validation.required');
    const problem = party.kind === 'person' ? checkIin(value) : checkBin(value);
    return problem ? t(`cases.new.idProblem.${problem}`, { kind: t(`cases.new.idName.${party.kind}`) }) : undefined;
  };

  const validate = (at: number): Record<string, string> => {
    const fields: Record<string, string> = {};
    const required = t('validation.chooseOne');
    if (at === 1) {
      if (!screening.category) fields.category = required;
      for (const q of questions(screening.category)) if (!screening[q]) fields[`screening.${q}`] = required;
    }
    if (at === 2) {
      for (const [index, party] of [me, other].entries()) {
        if (!party.name.trim()) fields[`parties[${index}].name`] = t('validation.required');
        else if (party.name.length > NAME_MAX) fields[`parties[${index}].name`] = t('validation.tooLong', { max: NAME_MAX });
        const id = identifierProblem(party);
        if (id) fields[`parties[${index}].identifier`] = id;
      }
      for (const [index, party] of [me, other].entries()) {
        const name = `parties[${index}].email`;
        if (centre && index === 0 && !party.email.trim()) fields[name] = t('validation.required');
        else if (party.email.trim() && !isEmail(party.email)) fields[name] = t('validation.email');
      }
    }
    if (at === 3) {
      if (!subject.trim()) fields.subject = t('validation.required');
      else if (subject.length > SUBJECT_MAX) fields.subject = t('validation.tooLong', { max: SUBJECT_MAX });
      if (!court) fields.court_case_pending = required;
    }
    return fields;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const fields = validate(step);
    if (Object.keys(fields).length > 0) {
      setErrors({ message: t('validation.summary'), fields, other: [] });
      focusInvalid();
      return;
    }
    setErrors(NO_ERRORS);
    if (step === 1) {
      const ground = screen(screening);
      if (ground && ground !== 'not_answered') setRefused(ground);
      else setStep(2);
      return;
    }
    if (step === 2) {
      setStep(3);
      return;
    }
    const category = screening.category || 'other';
    const party = (p: PartyDraft) => ({
      name: p.name.trim(),
      kind: p.kind,
      identifier: p.identifier.trim(),
      ...(p.email.trim() ? { email: p.email.trim() } : {}),
    });
    const input: CaseInput = {
      parties: [party(me), party(other)],
      subject: subject.trim(),
      category,
      language,
      court_case_pending: court === 'yes',
      screening: {
        third_party_rights: screening.third_party_rights || 'no',
        incapable_party: screening.incapable_party || 'no',
        state_body: screening.state_body || 'no',
        ...(isCriminal(category) ? { corruption_crime: screening.corruption_crime || 'no' } : {}),
      },
      ...(ticketId ? { ticket_id: ticketId } : {}),
    };
    setBusy(true);
    try {
      const opened = await api.openCase(input);
      // Stays busy: the page moves on and must not be sent twice meanwhile.
      navigate(`/cases/${encodeURIComponent(opened.id)}`);
    } catch (failure) {
      const known = formErrors(t, failure, [...Object.keys(validate(1)), ...FIELDS]);
      setErrors(known);
      setBusy(false);
      const steps = Object.keys(known.fields).map(stepOf);
      if (steps.length > 0) setStep(Math.min(...steps));
      focusInvalid();
    }
  };

  const yesNo = (id: string, legend: string, hint: string, value: YesNo | '', onValue: (v: YesNo) => void) => (
    <ChoiceGroup<YesNo>
      id={id}
      type="radio"
      legend={legend}
      hint={hint}
      options={[
        { value: 'yes', label: t('cases.yes') },
        { value: 'no', label: t('cases.no') },
      ]}
      selected={value ? [value] : []}
      onChange={(selected) => {
        if (selected[0]) onValue(selected[0]);
      }}
      error={errors.fields[id.replace(/^case-/, '').replace(/-/g, '.')]}
      testId={id}
    />
  );

  const partyFields = (index: 0 | 1, party: PartyDraft, setParty: (update: (p: PartyDraft) => PartyDraft) => void) => {
    const set = (patch: Partial<PartyDraft>) => {
      setParty((p) => ({ ...p, ...patch }));
    };
    const prefix = `parties[${index}]`;
    const id = (name: string) => `case-party${index}-${name}`;
    return (
      <fieldset class="case__party" data-testid={`case-party${index}`}>
        <legend>{t(index === 0 ? (centre ? 'cases.new.firstParty' : 'cases.new.you') : 'cases.new.otherParty')}</legend>
        {(index === 1 || centre) && (
          <ChoiceGroup<PartyKind>
            id={id('kind')}
            type="radio"
            legend={t('cases.new.partyKind')}
            options={[
              { value: 'person', label: t('cases.new.kind.person') },
              { value: 'organisation', label: t('cases.new.kind.organisation') },
            ]}
            selected={[party.kind]}
            onChange={(selected) => {
              set({ kind: selected[0] ?? 'person' });
            }}
            testId={id('kind')}
          />
        )}
        <TextField
          id={id('name')}
          label={t(party.kind === 'person' ? 'cases.new.personName' : 'cases.new.organisationName')}
          value={party.name}
          onValue={(name) => {
            set({ name });
          }}
          autoComplete={index === 0 && !centre ? 'name' : 'off'}
          error={errors.fields[`${prefix}.name`]}
          required
          testId={id('name')}
        />
        <TextField
          id={id('identifier')}
          label={t(`cases.new.idName.${party.kind}`)}
          hint={t(`cases.new.idHint.${party.kind}`)}
          value={party.identifier}
          onValue={(identifier) => {
            set({ identifier: identifier.replace(/\s+/g, '') });
          }}
          inputMode="numeric"
          autoComplete="off"
          error={errors.fields[`${prefix}.identifier`] ?? errors.fields[`${prefix}.iin`] ?? errors.fields[`${prefix}.bin`]}
          required
          testId={id('identifier')}
        />
        {(index === 1 || centre) && (
          <TextField
            id={id('email')}
            type="email"
            inputMode="email"
            autoCapitalize="none"
            spellcheck={false}
            label={t(centre && index === 0 ? 'cases.new.partyEmail' : 'cases.new.email')}
            hint={t(centre && index === 0 ? 'cases.new.partyEmailHint' : 'cases.new.emailHint')}
            value={party.email}
            onValue={(email) => {
              set({ email });
            }}
            autoComplete="off"
            error={errors.fields[`${prefix}.email`]}
            testId={id('email')}
          />
        )}
      </fieldset>
    );
  };

  if (refused) {
    return (
      <Page title={t('cases.new.title')} testId="case-new">
        <section class="card" aria-labelledby="case-refused-title" data-testid="case-refused" data-ground={refused}>
          <h2 id="case-refused-title" ref={heading} tabIndex={-1}>
            {t('cases.new.refusedTitle')}
          </h2>
          <p data-testid="case-refused-ground">{t(`mediation.screening.${refused}`)}</p>
          <h3>{t('cases.new.insteadTitle')}</h3>
          <ul>
            <li>{t('cases.new.insteadCourt')}</li>
            <li>{t('cases.new.insteadLawyer')}</li>
            <li>
              <Link href="/receptions">{t('cases.new.insteadReception')}</Link>
            </li>
          </ul>
          <button
            type="button"
            class="button button--secondary"
            data-testid="case-refused-back"
            onClick={() => {
              setRefused(undefined);
            }}
          >
            {t('cases.new.changeAnswers')}
          </button>
        </section>
      </Page>
    );
  }

  return (
    <Page title={t('cases.new.title')} testId="case-new">
      <p class="lead">{t('cases.new.intro')}</p>
      <p class="case__progress" data-testid="case-new-step" data-step={step}>
        {t('cases.new.stepOf', { step, total: 3 })}
      </p>
      <form ref={form} class="form" noValidate data-testid="case-new-form" onSubmit={(e) => void onSubmit(e)}>
        <h2 ref={heading} tabIndex={-1}>
          {t(`cases.new.step${step}`)}
        </h2>
        <LiveMessage kind="error" message={errors.message} details={errors.other} testId="case-new-error" />
        {step === 1 && (
          <>
            <p>{t('cases.new.screeningIntro')}</p>
            <SelectField
              id="case-category"
              label={t('cases.category')}
              placeholder={t('cases.new.chooseCategory')}
              value={screening.category}
              onValue={(value) => {
                setScreening((d) => ({ ...d, category: value as ScreeningDraft['category'] }));
              }}
              options={CASE_CATEGORIES.map((c) => ({ value: c, label: t(`cases.categories.${c}`) }))}
              error={errors.fields.category}
              required
              testId="case-category"
            />
            {questions(screening.category).map((q) =>
              yesNo(`case-screening-${q}`, t(`cases.new.q.${q}`), t(`cases.new.qHint.${q}`), screening[q], (v) => {
                setScreening((d) => ({ ...d, [q]: v }));
              }),
            )}
          </>
        )}
        {step === 2 && (
          <>
            {partyFields(0, me, setMe)}
            {partyFields(1, other, setOther)}
          </>
        )}
        {step === 3 && (
          <>
            <TextField
              id="case-subject"
              label={t('cases.new.subject')}
              hint={t('cases.new.subjectHint')}
              value={subject}
              onValue={setSubject}
              multiline={6}
              maxLength={SUBJECT_MAX}
              error={errors.fields.subject}
              required
              testId="case-subject"
            />
            <ChoiceGroup<CaseLanguage>
              id="case-language"
              type="radio"
              legend={t('cases.new.language')}
              hint={t('cases.new.languageHint')}
              options={(['kk', 'ru', 'en'] as const).map((code) => ({ value: code, label: t(`language.${code}`), lang: code }))}
              selected={[language]}
              onChange={(selected) => {
                setLanguage(selected[0] ?? language);
              }}
              error={errors.fields.language}
              testId="case-language"
            />
            {yesNo('case-court_case_pending', t('cases.new.court'), t('cases.new.courtHint'), court, setCourt)}
          </>
        )}
        <div class="actions">
          {step > 1 && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="case-new-back"
              onClick={() => {
                setErrors(NO_ERRORS);
                setStep(step - 1);
              }}
            >
              {t('cases.new.back')}
            </button>
          )}
          <button type="submit" class="button" disabled={busy} data-testid="case-new-next">
            {step < 3 ? t('cases.new.next') : busy ? t('cases.sending') : t('cases.new.open')}
          </button>
        </div>
      </form>
    </Page>
  );
}

const FIELDS = [
  'parties[0].name',
  'parties[0].identifier',
  'parties[1].name',
  'parties[1].identifier',
  'parties[0].email',
  'parties[1].email',
  'parties[0].iin',
  'parties[0].bin',
  'parties[1].iin',
  'parties[1].bin',
  'subject',
  'language',
  'court_case_pending',
];
