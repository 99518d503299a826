// A room's live chat, used by the citizen's ticket page and the specialist's room page:
// the connection banner, the messages (a polite log), who is typing, and the composer.
// Only a current member writes: once the room is closed, or for someone watching it (a
// coordinator from the board, whose messages the server would refuse), the conversation
// is read-only and says so. Messages the server refused are announced at once.
import type { Room } from '../../api/types';
import { useT } from '../../i18n/context';
import { ConnectionBanner } from '../ConnectionBanner';
import { LiveMessage } from '../LiveMessage';
import { memberName } from '../people';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { isCurrentMember, useChat } from './useChat';

interface ChatProps {
  room: Room;
  /** The viewer's user id (their own messages are marked as such). */
  selfId: string | null;
  /** Runs after a lost connection is back (reload what may have been missed). */
  onReconnected?: () => void;
}

export function Chat({ room, selfId, onReconnected }: ChatProps) {
  const { t } = useT();
  const chat = useChat(room, selfId);
  const closed = room.closed_at !== null;
  const member = isCurrentMember(room, selfId);
  return (
    <section class="chat" aria-labelledby="chat-title" data-testid="chat" data-mode={member && !closed ? 'write' : 'read'}>
      <h2 id="chat-title">{t('chat.title')}</h2>
      <ConnectionBanner onReconnected={onReconnected} />
      {!member && !closed && (
        <p class="notice" data-testid="chat-readonly">
          {t('chat.watching')}
        </p>
      )}
      <MessageList entries={chat.entries} room={room} onRetry={chat.retry} onDismiss={chat.dismiss} />
      <LiveMessage
        kind="error"
        message={chat.failed > 0 ? t('chat.failedCount', { count: chat.failed }) : undefined}
        testId="chat-failed"
      />
      {member && (
        <p class="chat__typing" aria-live="polite" data-testid="chat-typing">
          {chat.typingNames.length > 0 &&
            t('chat.typing', {
              count: chat.typingNames.length,
              names: chat.typingNames.map((name) => memberName(t, name)).join(', '),
            })}
        </p>
      )}
      {closed ? (
        <p class="notice">{t('chat.closed')}</p>
      ) : (
        member && <Composer roomId={room.id} onSend={chat.send} onTyping={chat.typed} />
      )}
    </section>
  );
}
