// A room's live chat, used by the citizen's ticket page and the specialist's room page:
// the connection banner, the messages (a polite log), who is typing, and the composer
// (hidden once the room is closed). What is said in a room is for its current members
// only (the server refuses anyone else its messages): someone watching it (a coordinator
// from the board, a specialist who left) is told so, and nothing is loaded or sent for
// them. Messages the server refused are announced at once.
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
  if (isCurrentMember(room, selfId)) return <LiveChat room={room} selfId={selfId} onReconnected={onReconnected} />;
  return (
    <section class="chat" aria-labelledby="chat-title" data-testid="chat" data-mode="watch">
      <h2 id="chat-title">{t('chat.title')}</h2>
      <p class="notice" data-testid="chat-readonly">
        {t('chat.watching')}
      </p>
    </section>
  );
}

function LiveChat({ room, selfId, onReconnected }: ChatProps) {
  const { t } = useT();
  const chat = useChat(room, selfId);
  const closed = room.closed_at !== null;
  const roleOf = (senderId: string) => {
    const member = room.members.find((m) => m.user_id === senderId);
    if (!member) return '';
    return member.kind ? t(`kind.${member.kind}`) : t('chat.citizen');
  };
  return (
    <section class="chat" aria-labelledby="chat-title" data-testid="chat" data-mode={closed ? 'read' : 'write'}>
      <h2 id="chat-title">{t('chat.title')}</h2>
      <ConnectionBanner onReconnected={onReconnected} />
      <MessageList entries={chat.entries} roleOf={roleOf} onRetry={chat.retry} onDismiss={chat.dismiss} />
      <LiveMessage
        kind="error"
        message={chat.failed > 0 ? t('chat.failedCount', { count: chat.failed }) : undefined}
        testId="chat-failed"
      />
      <p class="chat__typing" aria-live="polite" data-testid="chat-typing">
        {chat.typingNames.length > 0 &&
          t('chat.typing', {
            count: chat.typingNames.length,
            names: chat.typingNames.map((name) => memberName(t, name)).join(', '),
          })}
      </p>
      {closed ? (
        <p class="notice">{t('chat.closed')}</p>
      ) : (
        <Composer roomId={room.id} onSend={chat.send} onTyping={chat.typed} />
      )}
    </section>
  );
}
