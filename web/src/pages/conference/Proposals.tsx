// A conference's proposals: one with its owner, due date and status (changed in place by
// moderators and the owner), and the form that makes a new one.
import { useState } from 'preact/hooks';
import {
  CONFERENCE_PROPOSAL_STATUSES,
  type Conference,
  type ConferenceParticipant,
  type ConferenceProposal,
  type ConferenceProposalStatus,
} from '../../api/types';
import { formErrors } from '../../components/errors';
import { Form } from '../../components/fields';
import { formatLocalDate } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { SelectField, TextField } from '../../components/TextField';
import { useForm, type FieldProblems } from '../../components/useForm';
import { currentLanguage } from '../../i18n';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function ProposalItem({
  proposal: p,
  onChanged,
  showConference = false,
}: {
  proposal: ConferenceProposal;
  onChanged: (p: ConferenceProposal) => void;
  showConference?: boolean;
}) {
  const { t } = useT();
  const { api } = useSession();
  const [status, setStatus] = useState<ConferenceProposalStatus>(p.status);
  const [error, setError] = useState<string | undefined>();
  const save = async () => {
    try {
      onChanged(await api.changeProposal(p.id, { status }));
      setError(undefined);
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    }
  };
  return (
    <li class="card" data-testid={`proposal-${p.id}`} data-status={p.status}>
      <p class="row__main">{p.text}</p>
      <p class="row__meta">
        {showConference && `${p.conference_title} · `}
        {p.agenda_title && `${p.agenda_title} · `}
        {t('conference.proposals.owner', { name: p.owner })} · {t('conference.proposals.due', { date: formatLocalDate(p.due_date, currentLanguage()) })} ·{' '}
        <span data-testid={`proposal-status-${p.id}`}>{t(`conference.proposalStatus.${p.status}`)}</span>
      </p>
      {p.may_change && (
        <div class="conference-row">
          <SelectField
            id={`proposal-status-${p.id}`}
            label={t('conference.proposals.status')}
            value={status}
            onValue={(v) => { setStatus(v as ConferenceProposalStatus); }}
            options={CONFERENCE_PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`conference.proposalStatus.${s}`) }))}
            testId={`proposal-select-${p.id}`}
          />
          <button type="button" class="button button--secondary" data-testid={`proposal-save-${p.id}`} onClick={() => void save()}>
            {t('conference.proposals.change')}
          </button>
        </div>
      )}
      <LiveMessage kind="error" message={error} />
    </li>
  );
}

const OTHER = '__other__';

export function ProposalForm({
  conference,
  specialists,
  onMade,
}: {
  conference: Conference;
  specialists: ConferenceParticipant[];
  onMade: (p: ConferenceProposal) => void;
}) {
  const { t } = useT();
  const { api } = useSession();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [due, setDue] = useState('');
  const [item, setItem] = useState('');
  const state = useForm({
    fields: ['text', 'owner_id', 'owner_name', 'due_date', 'agenda_item_id'],
    validate: (): FieldProblems => ({
      text: text.trim() ? undefined : t('validation.required'),
      owner_id: owner ? undefined : t('validation.required'),
      owner_name: owner === OTHER && !ownerName.trim() ? t('validation.required') : undefined,
      due_date: due ? undefined : t('validation.required'),
    }),
    send: async () => {
      const made = await api.propose(conference.id, {
        text: text.trim(),
        ...(owner === OTHER ? { owner_name: ownerName.trim() } : { owner_id: owner }),
        due_date: due,
        ...(item ? { agenda_item_id: item } : {}),
      });
      onMade(made);
      setText('');
      setDue('');
    },
    afterSuccess: 'ready',
    focusServerErrors: true,
  });
  const error = (field: string) => state.errors.fields[field];
  return (
    <section class="card" aria-labelledby="proposal-form-title">
      <h3 id="proposal-form-title">{t('conference.proposals.new')}</h3>
      <Form
        state={state}
        testId="proposal-form"
        submit={{ testId: 'proposal-submit', label: t('conference.proposals.submit'), busyLabel: t('conference.proposals.busy') }}
      >
        <TextField id="proposal-text" label={t('conference.proposals.text')} value={text} onValue={setText} multiline={3} maxLength={2000} error={error('text')} testId="proposal-text" />
        <SelectField
          id="proposal-owner"
          label={t('conference.proposals.ownerLabel')}
          value={owner}
          onValue={setOwner}
          placeholder={t('conference.proposals.choose')}
          options={[
            ...specialists.map((s) => ({ value: s.user_id ?? '', label: s.name })),
            { value: OTHER, label: t('conference.proposals.otherOwner') },
          ]}
          error={error('owner_id')}
          testId="proposal-owner"
        />
        {owner === OTHER && (
          <TextField id="proposal-owner-name" label={t('conference.proposals.ownerName')} value={ownerName} onValue={setOwnerName} maxLength={200} error={error('owner_name')} testId="proposal-owner-name" />
        )}
        <TextField id="proposal-due" type="date" label={t('conference.proposals.dueLabel')} value={due} onValue={setDue} error={error('due_date')} testId="proposal-due" />
        <SelectField
          id="proposal-item"
          label={t('conference.proposals.item')}
          value={item}
          onValue={setItem}
          placeholder={t('conference.proposals.noItem')}
          options={conference.agenda.map((a) => ({ value: a.id, label: a.title }))}
          error={error('agenda_item_id')}
        />
      </Form>
    </section>
  );
}
