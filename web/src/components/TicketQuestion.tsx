// What a citizen wrote in a question, and their right to take it back (Law of the RK 94-V):
// "Withdraw consent and erase this question" asks first, then the server takes the question
// out of the queue and erases what was written, the contact, the chat and the files (the
// figures keep counting it). Not during a live consultation. An erased question says so
// instead of its text.
import { useState } from 'preact/hooks';
import type { Ticket } from '../api/types';
import { useT } from '../i18n/context';
import { useSession } from '../session';
import { ConfirmButton } from './ConfirmButton';
import { formErrors } from './errors';
import { LiveMessage } from './LiveMessage';

/** The question's text, or that it was erased at the citizen's request. */
export function QuestionText({ ticket, class: className }: { ticket: Ticket; class?: string }) {
  const { t } = useT();
  if (ticket.erased) {
    return (
      <p class="notice" data-testid="question-erased">
        {t('erase.erased')}
      </p>
    );
  }
  return (
    <p class={className} data-testid="question-text">
      {ticket.description}
    </p>
  );
}

interface EraseQuestionProps {
  ticket: Ticket;
  onErased: () => void;
  /** Unique on the screen (a list has one per question). */
  testId: string;
}

/** The erase button with its confirmation, or why it is not offered now. */
export function EraseQuestion({ ticket, onErased, testId }: EraseQuestionProps) {
  const { t } = useT();
  const { api } = useSession();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  if (ticket.erased) return null;
  if (ticket.status === 'in_room') return <p class="field__hint">{t('erase.live')}</p>;
  const erase = async () => {
    setError(undefined);
    setBusy(true);
    try {
      await api.eraseTicket(ticket.id);
      onErased();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="erase">
      <LiveMessage kind="error" message={error} testId={`${testId}-error`} />
      <ConfirmButton
        label={t('erase.button')}
        question={t('erase.question')}
        confirmLabel={t('erase.confirm')}
        onConfirm={erase}
        busy={busy}
        testId={testId}
      />
    </div>
  );
}
