// The messages of a room, oldest first, as a log (new ones are read out politely):
// sender with their role, time, text or attachment link, and for our own messages
// whether they are still being sent, sent, or read.
import { useEffect, useRef } from 'preact/hooks';
import { links } from '../../api/reception-client';
import type { Room } from '../../api/types';
import { useT } from '../../i18n/context';
import { formatTime } from '../format';
import { memberName, systemText } from '../people';
import type { ChatEntry } from './useChat';

export function MessageList({ entries, room }: { entries: ChatEntry[]; room: Room }) {
  const { t, language } = useT();
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // Follow new messages unless the reader scrolled up to read older ones.
  useEffect(() => {
    const element = list.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [entries.length]);

  const role = (senderId: string) => {
    const member = room.members.find((m) => m.user_id === senderId);
    if (!member) return '';
    return member.kind ? t(`kind.${member.kind}`) : t('chat.citizen');
  };

  return (
    <div
      ref={list}
      class="chat__messages"
      role="log"
      aria-label={t('chat.messages')}
      tabIndex={0}
      data-testid="chat-messages"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
    >
      {entries.length === 0 && <p class="chat__empty">{t('chat.empty')}</p>}
      <ol class="chat__list">
      {entries.map((entry) => {
        const { message } = entry;
        const system = message?.kind === 'system';
        const classes = ['chat__message', entry.own ? 'chat__message--own' : '', system ? 'chat__message--system' : '']
          .filter(Boolean)
          .join(' ');
        const who = entry.own ? t('chat.you') : memberName(t, message?.sender_name);
        const kindLabel = message && !entry.own && !system ? role(message.sender_id) : '';
        // A guest is named by their role already ("Citizen"): say it once.
        const shownKind = kindLabel === who ? '' : kindLabel;
        return (
          <li key={entry.key} class={classes} data-testid="chat-message" data-seq={message?.seq}>
            {!system && (
              <p class="chat__meta">
                <span class="chat__sender">{who}</span>
                {shownKind && <span class="chat__kind">{shownKind}</span>}
                {message && <time dateTime={message.at}>{formatTime(message.at, language)}</time>}
              </p>
            )}
            {system ? (
              <p class="chat__body" data-testid="chat-system">
                {systemText(t, message)}
              </p>
            ) : message?.attachment ? (
              <p class="chat__body">
                <a href={links.attachment(message.attachment.id)} target="_blank" rel="noopener" data-testid="chat-attachment">
                  {message.attachment.file_name}
                </a>
              </p>
            ) : (
              <p class="chat__body">{message ? message.body : entry.pendingBody}</p>
            )}
            {entry.state && (
              <p class={`chat__state chat__state--${entry.state}`} data-testid="chat-message-state">
                {t(`chat.state.${entry.state}`)}
              </p>
            )}
          </li>
        );
      })}
      </ol>
    </div>
  );
}
