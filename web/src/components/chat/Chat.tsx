// A room's live chat, used by the citizen's ticket page and the specialist's room page:
// the connection banner, the messages (a polite log), who is typing, and the composer
// (hidden once the room is closed).
import type { Room } from '../../api/types';
import { useT } from '../../i18n/context';
import { ConnectionBanner } from '../ConnectionBanner';
import { memberName } from '../people';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { useChat } from './useChat';

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
  return (
    <section class="chat" aria-labelledby="chat-title" data-testid="chat">
      <h2 id="chat-title">{t('chat.title')}</h2>
      <ConnectionBanner onReconnected={onReconnected} />
      <MessageList entries={chat.entries} room={room} />
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
