// Ending a reception with POST /receptions/{id}/close, after a confirmation: one that has
// not started is cancelled, one that is running is closed early. Either way the citizens
// who booked or wait are told, and their questions are left for later (the organisation's
// permanent line takes them).
import { useState } from 'preact/hooks';
import type { Reception } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formErrors } from '../../components/errors';
import { LiveMessage } from '../../components/LiveMessage';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';

export function CloseReception({ reception, onClosed }: { reception: Reception; onClosed: () => void }) {
  const { t } = useT();
  const { api, announce } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  // 'upcoming': not started yet, so it is called off; otherwise it ends before its time.
  const mode = reception.status === 'upcoming' ? 'cancel' : 'closeEarly';
  const close = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.closeReception(reception.id);
      announce(t(`editReception.${mode}.done`));
      onClosed();
    } catch (failure) {
      setError(formErrors(t, failure, []).message);
      setBusy(false);
    }
  };
  return (
    <section class="card card--important" aria-labelledby="edit-close-title" data-testid="edit-close">
      <h2 id="edit-close-title">{t(`editReception.${mode}.title`)}</h2>
      <p>{t(`editReception.${mode}.explain`)}</p>
      <LiveMessage kind="error" message={error} testId="edit-close-error" />
      <ConfirmButton
        label={t(`editReception.${mode}.title`)}
        question={t(`editReception.${mode}.question`)}
        confirmLabel={t(`editReception.${mode}.confirm`)}
        onConfirm={close}
        testId={`edit-${mode === 'cancel' ? 'cancel' : 'close'}`}
        busy={busy}
      />
    </section>
  );
}
