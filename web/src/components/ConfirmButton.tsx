// A button for an action that cannot be undone: the first press asks in place
// ("Are you sure?") with the real action and a way back, focus moving between them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/context';

interface ConfirmButtonProps {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  testId: string;
  busy?: boolean;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, testId, busy = false }: ConfirmButtonProps) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returnFocus) start.current?.focus();
  }, [asking, returnFocus]);
  if (!asking) {
    return (
      <button
        ref={start}
        type="button"
        class="button button--secondary"
        data-testid={testId}
        disabled={busy}
        onClick={() => {
          setAsking(true);
        }}
      >
        {label}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-labelledby={`${testId}-question`}>
      <p id={`${testId}-question`} class="confirm__question">
        {question}
      </p>
      <div class="actions">
        <button
          ref={confirm}
          type="button"
          class="button button--danger"
          data-testid={`${testId}-confirm`}
          disabled={busy}
          onClick={() => {
            setAsking(false);
            void onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            setReturnFocus(true);
            setAsking(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
