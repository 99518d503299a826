// A live region that is always in the DOM (so screen readers track it) and shows an
// error (assertive) or a status (polite) message when there is one.
interface LiveMessageProps {
  kind: 'error' | 'status';
  message: string | undefined;
  details?: readonly string[];
  testId?: string;
  /** Exposed as data-state (for styling and browser tests), never read out. */
  state?: string;
}

export function LiveMessage({ kind, message, details = [], testId, state }: LiveMessageProps) {
  const live = kind === 'error' ? 'assertive' : 'polite';
  return (
    <div
      class={`live live--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={live}
      aria-atomic="true"
      data-testid={testId}
      data-state={state}
    >
      {message && <p>{message}</p>}
      {message && details.length > 0 && (
        <ul>
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
