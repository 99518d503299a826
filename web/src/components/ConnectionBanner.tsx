// Says at once (assertively) when the live connection is lost and that nothing typed is
// lost meanwhile; empty, but present for screen readers, while connected.
import { useT } from '../i18n/context';
import { LiveMessage } from './LiveMessage';
import { useConnectionState } from './useSocket';

export function ConnectionBanner({ onReconnected }: { onReconnected?: () => void }) {
  const { t } = useT();
  const state = useConnectionState(onReconnected);
  return (
    <LiveMessage
      kind="error"
      message={state === 'reconnecting' ? t('connection.lost') : undefined}
      testId="connection-banner"
      state={state}
    />
  );
}
