// /conferences/:id: a conference as its participants see it — title, times in the viewer's
// zone, the agenda with each item's minutes (moderators edit them), who takes part, the
// proposals (moderators and owners change their status), the ICS invitation, and the live
// part while the conference is on (for moderators whenever it is not cancelled).
import { useEffect, useState } from 'preact/hooks';
import type { AgendaItem, Conference } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formErrors } from '../../components/errors';
import { formatSpan } from '../../components/format';
import { LiveMessage } from '../../components/LiveMessage';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { useLoad } from '../../components/useLoad';
import { currentLanguage } from '../../i18n';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { ProposalForm, ProposalItem } from './Proposals';
import { ScheduleForm } from '../conferences/ScheduleForm';
import { Stage } from './stage/Stage';

function Minutes({ conference, item, onSaved }: { conference: Conference; item: AgendaItem; onSaved: (c: Conference) => void }) {
  const { t } = useT();
  const { api } = useSession();
  const [text, setText] = useState(item.minutes);
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | undefined>();
  useEffect(() => { setText(item.minutes); }, [item.minutes]);
  if (conference.my_role !== 'moderator' || conference.phase === 'cancelled') {
    return item.minutes ? (
      <p class="minutes" data-testid={`minutes-${item.id}`}>
        {item.minutes}
      </p>
    ) : (
      <p class="field__hint">{t('conference.minutes.none')}</p>
    );
  }
  const save = async () => {
    try {
      onSaved(await api.saveMinutes(conference.id, item.id, text));
      setMessage({ kind: 'status', text: t('conference.minutes.saved') });
    } catch (failure) {
      setMessage({ kind: 'error', text: formErrors(t, failure, []).message });
    }
  };
  return (
    <div>
      <TextField
        id={`minutes-${item.id}`}
        label={t('conference.minutes.label', { item: item.title })}
        value={text}
        onValue={setText}
        multiline={4}
        maxLength={20000}
        testId={`minutes-edit-${item.id}`}
      />
      <button type="button" class="button button--secondary" data-testid={`minutes-save-${item.id}`} onClick={() => void save()}>
        {t('conference.minutes.save')}
      </button>
      <LiveMessage kind={message?.kind ?? 'status'} message={message?.text} />
    </div>
  );
}

export function ConferencePage({ conferenceId }: { conferenceId: string }) {
  const { t } = useT();
  const { api, user } = useSession();
  const loaded = useLoad(() => api.conference(conferenceId), [api, conferenceId]);
  const [conference, setConference] = useState<Conference | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState(false);
  useEffect(() => { setConference(loaded.data); }, [loaded.data]);

  const c = conference;
  if (!c) {
    return (
      <Page title={t('conference.page.loading')} testId="conference">
        <LiveMessage kind="error" message={loaded.error} testId="conference-error" />
      </Page>
    );
  }
  const moderator = c.my_role === 'moderator';
  const showStage = c.phase === 'live' || (moderator && c.phase !== 'cancelled');
  const act = async (action: () => Promise<Conference>) => {
    try {
      setConference(await action());
      setError(undefined);
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    }
  };
  const specialists = c.participants.filter((p) => p.role !== 'guest' && p.user_id);

  return (
    <Page title={c.title} testId="conference">
      <LiveMessage kind="error" message={error} testId="conference-error" />
      <p data-testid="conference-when">{formatSpan(c.starts_at, c.ends_at, currentLanguage())}</p>
      <p>
        <span data-testid="conference-phase">{t(`conference.phase.${c.phase}`)}</span> · {t(`conference.role.${c.my_role}`)}
      </p>
      {c.description && <p class="minutes">{c.description}</p>}
      <p>
        <a href={`/api/v1/conferences/${encodeURIComponent(c.id)}/invitation.ics`} download="conference.ics" data-testid="conference-ics">
          {t('conference.page.ics')}
        </a>
      </p>
      {moderator && (c.phase === 'upcoming' || c.phase === 'live') && editing && (
        <ScheduleForm
          editing={c}
          onSaved={(saved) => {
            setConference(saved);
            setEditing(false);
          }}
          onCancel={() => { setEditing(false); }}
        />
      )}
      {moderator && (c.phase === 'upcoming' || c.phase === 'live') && !editing && (
        <div class="actions">
          <button type="button" class="button button--secondary" data-testid="conference-edit" onClick={() => { setEditing(true); }}>
            {t('conference.page.edit')}
          </button>
          {c.phase === 'live' && (
            <ConfirmButton
              label={t('conference.page.end')}
              question={t('conference.page.endQuestion')}
              confirmLabel={t('conference.page.endConfirm')}
              onConfirm={() => act(() => api.endConference(c.id))}
              testId="conference-end"
            />
          )}
          <ConfirmButton
            label={t('conference.page.cancel')}
            question={t('conference.page.cancelQuestion')}
            confirmLabel={t('conference.page.cancelConfirm')}
            onConfirm={() => act(() => api.cancelConference(c.id))}
            testId="conference-cancel"
          />
        </div>
      )}

      {showStage && user && <Stage conferenceId={c.id} role={c.my_role} selfId={user.id} />}

      <section aria-labelledby="conference-agenda">
        <h2 id="conference-agenda">{t('conference.page.agenda')}</h2>
        {c.agenda.length === 0 && <p>{t('conference.page.noAgenda')}</p>}
        <ol data-testid="conference-agenda-list">
          {c.agenda.map((item) => (
            <li key={item.id}>
              <h3>{item.title}</h3>
              <Minutes conference={c} item={item} onSaved={setConference} />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="conference-people">
        <h2 id="conference-people">{t('conference.page.people', { count: c.participants.length })}</h2>
        <ul class="plain-list" data-testid="conference-participants">
          {c.participants.map((p, i) => (
            <li key={p.user_id ?? `guest-${i}`}>
              {p.name} — {t(`conference.role.${p.role}`)}
              {p.role === 'guest' && ` · ${t(p.joined ? 'conference.page.joined' : 'conference.page.notJoined')}`}
              {p.email && ` · ${p.email}`}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="conference-proposals">
        <h2 id="conference-proposals">{t('conference.proposals.title')}</h2>
        {c.proposals.length === 0 && <p>{t('conference.proposals.none')}</p>}
        <ul class="plain-list" data-testid="conference-proposal-list">
          {c.proposals.map((p) => (
            <ProposalItem
              key={p.id}
              proposal={p}
              onChanged={(next) => { setConference({ ...c, proposals: c.proposals.map((x) => (x.id === next.id ? next : x)) }); }}
            />
          ))}
        </ul>
        {c.my_role !== 'guest' && c.phase !== 'cancelled' && (
          <ProposalForm
            conference={c}
            specialists={specialists}
            onMade={(made) => { setConference({ ...c, proposals: [...c.proposals, made] }); }}
          />
        )}
      </section>
    </Page>
  );
}
