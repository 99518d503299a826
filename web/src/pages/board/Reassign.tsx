// Offering one waiting ticket to a chosen specialist (the coordinator's override).
import { useState } from 'preact/hooks';
import type { Board, Ticket } from '../../api/types';
import { formErrors } from '../../components/errors';
import { SelectField } from '../../components/TextField';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

interface ReassignProps {
  ticket: Ticket;
  specialists: Board['specialists'];
  onDone: (message: string) => void;
  onError: (message: string) => void;
}

export function Reassign({ ticket, specialists, onDone, onError }: ReassignProps) {
  const { t } = useT();
  const { api } = useSession();
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `reassign-${ticket.id}`;
  const submit = async () => {
    const specialist = specialists.find((s) => s.id === chosen);
    if (!specialist) return;
    setBusy(true);
    try {
      await api.reassignTicket(ticket.id, specialist.id);
      onDone(t('board.reassigned', { name: specialist.display_name }));
      setChosen('');
    } catch (failure) {
      onError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <SelectField
        id={id}
        label={t('board.reassign')}
        placeholder={t('board.chooseSpecialist')}
        value={chosen}
        onValue={setChosen}
        options={specialists.map((s) => ({ value: s.id, label: `${s.display_name} (${t(`board.state.${s.state}`)})` }))}
        testId="board-reassign-select"
      />
      <button type="submit" class="button button--secondary" disabled={busy || !chosen} data-testid="board-reassign">
        {t('board.reassignSubmit')}
      </button>
    </form>
  );
}
