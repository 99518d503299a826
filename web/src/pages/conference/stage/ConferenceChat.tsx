// The conference's chat beside the stage (issue 9, "chat alongside"), for the people let in:
// the same conversation as a consultation room's (components/chat), in the room
// "conf-<id>": messages kept on the server, sent again until acknowledged, resumed after a
// lost connection. No files, typing notices or read markers: a conference has hundreds of
// readers. Who wrote shows with their part when the page knows it (the stage, and everyone
// for moderators).
import type { StagePerson } from '../../../api/socket';
import { Composer } from '../../../components/chat/Composer';
import { MessageList } from '../../../components/chat/MessageList';
import { useChatIn } from '../../../components/chat/useChat';
import { LiveMessage } from '../../../components/LiveMessage';
import { useT } from '../../../i18n/context';

export function ConferenceChat({
  conferenceId,
  selfId,
  people,
}: {
  conferenceId: string;
  selfId: string;
  /** Everyone the page knows in it now. */
  people: StagePerson[];
}) {
  const { t } = useT();
  const roomId = `conf-${conferenceId}`;
  const chat = useChatIn({ roomId, loadHistory: false, presence: false, othersReadFrom: 0 }, selfId);
  const roleOf = (senderId: string) => {
    const person = people.find((p) => p.user_id === senderId);
    return person ? t(`conference.role.${person.part}`) : '';
  };
  return (
    <section class="chat stage__chat" aria-labelledby="stage-chat-title" data-testid="stage-chat">
      <h3 id="stage-chat-title">{t('stage.chat')}</h3>
      <MessageList entries={chat.entries} roleOf={roleOf} onRetry={chat.retry} onDismiss={chat.dismiss} />
      <LiveMessage
        kind="error"
        message={chat.failed > 0 ? t('chat.failedCount', { count: chat.failed }) : undefined}
        testId="stage-chat-failed"
      />
      <Composer roomId={roomId} onSend={chat.send} onTyping={chat.typed} attachments={false} />
    </section>
  );
}
