// Bringing in help: invite a colleague from the reception's roster into this room, hand the
// conversation over to them, or
// transfer the citizen to another kind of specialist.
import { useState } from 'preact/hooks';
import { SPECIALIST_KINDS, type Room, type SpecialistKind } from '../../api/types';
import { formErrors } from '../../components/errors';
import { valueOptions } from '../../components/fields';
import { LiveMessage } from '../../components/LiveMessage';
import { SelectField } from '../../components/TextField';
import { useLoad } from '../../components/useLoad';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

interface RoomActionsProps {
  room: Room;
  selfId: string;
  onChanged: (room: Room) => void;
}

export function RoomActions({ room, selfId, onChanged }: RoomActionsProps) {
  const { t } = useT();
  const { api } = useSession();
  const roster = useLoad(() => api.roster(room.reception_id), [room.reception_id]);
  const [colleague, setColleague] = useState('');
  const [kind, setKind] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const members = new Set(room.members.filter((m) => m.left_at === null).map((m) => m.user_id));
  const colleagues = new Map<string, string>();
  for (const entry of roster.data?.items ?? []) {
    if (entry.specialist_id !== selfId && !members.has(entry.specialist_id)) {
      colleagues.set(entry.specialist_id, entry.display_name);
    }
  }

  const run = async (action: () => Promise<Room | undefined>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await action();
      if (updated) onChanged(updated);
      setStatus(done);
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="room-actions-title">
      <h2 id="room-actions-title">{t('room.help')}</h2>
      <LiveMessage kind="status" message={status} />
      <LiveMessage kind="error" message={error ?? roster.error} />
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const name = colleagues.get(colleague);
          if (colleague && name) void run(() => api.invite(room.id, colleague), t('room.invited', { name }));
        }}
      >
        <SelectField
          id="room-invite"
          label={t('room.invite')}
          placeholder={colleagues.size === 0 ? t('room.noColleagues') : t('room.chooseColleague')}
          value={colleague}
          onValue={setColleague}
          options={[...colleagues].map(([id, name]) => ({ value: id, label: name }))}
          testId="room-invite-select"
        />
        <button type="submit" class="button button--secondary" disabled={busy || !colleague} data-testid="room-invite-submit">
          {t('room.inviteSubmit')}
        </button>
        <button
          type="button"
          class="button button--secondary"
          disabled={busy || !colleague}
          data-testid="room-hand-over"
          onClick={() => {
            const name = colleagues.get(colleague);
            if (colleague && name) void run(() => api.transferTo(room.id, colleague), t('room.handedOver', { name }));
          }}
        >
          {t('room.handOver')}
        </button>
      </form>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (kind) {
            const chosen = kind as SpecialistKind;
            void run(() => api.transfer(room.id, chosen), t('room.transferred', { kind: t(`kind.${chosen}`) }));
          }
        }}
      >
        <SelectField
          id="room-transfer"
          label={t('room.transfer')}
          hint={t('room.transferHint')}
          placeholder={t('room.chooseKind')}
          value={kind}
          onValue={setKind}
          options={valueOptions(t, 'kind', SPECIALIST_KINDS)}
          testId="room-transfer-select"
        />
        <button type="submit" class="button button--secondary" disabled={busy || !kind} data-testid="room-transfer-submit">
          {t('room.transferSubmit')}
        </button>
      </form>
    </section>
  );
}
