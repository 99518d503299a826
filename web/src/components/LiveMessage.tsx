// A live region that is always in the DOM (so screen readers track it) and shows an
// error (assertive) or a status (polite) message when there is one.
interface LiveMessageProps {
  kind: 'error' | 'status';
  message: string | undefined;
  details?: readonly string[];
  testId?: string;
}

export function LiveMessage({ kind, message, details = [], testId }: LiveMessageProps) {
  const live = kind === 'error' ? 'assertive' : 'polite';
  return (
    <div
      class={`live live--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={live}
      aria-atomic="true"
      data-testid={testId}
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
