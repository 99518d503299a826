// The messages of a room, oldest first, as a log (new ones are read out politely):
// sender with their role, time, text or attachment link, and for our own messages
// whether they are still being sent, sent, or read, or that the server refused them (with
// its reason, and buttons to send again or to dismiss).
import { useEffect, useRef } from 'preact/hooks';
import { links } from '../../api/reception-client';
import { useT } from '../../i18n/context';
import { formatTime } from '../format';
import { memberName, systemText } from '../people';
import type { ChatEntry, Refusal } from './useChat';

interface MessageListProps {
  entries: ChatEntry[];
  /** What a sender is in the conversation (a specialist's kind, "citizen", a conference part). */
  roleOf: (senderId: string) => string;
  onRetry: (clientId: string) => void;
  onDismiss: (clientId: string) => void;
}

const KNOWN_REFUSALS = ['forbidden', 'not_found', 'room_closed', 'failed'];

/** Why a message was refused, in the page's language when we know the code; else the
 * server's own words (a field rule such as "too long", already translated there). */
export function refusalText(t: (key: string) => string, refusal: Refusal): string {
  if (KNOWN_REFUSALS.includes(refusal.code)) return t(`chat.refused.${refusal.code}`);
  return refusal.message || t('chat.refused.failed');
}

export function MessageList({ entries, roleOf, onRetry, onDismiss }: MessageListProps) {
  const { t, language } = useT();
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // Follow new messages unless the reader scrolled up to read older ones.
  useEffect(() => {
    const element = list.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [entries.length]);

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
        const kindLabel = message && !entry.own && !system ? roleOf(message.sender_id) : '';
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
            {entry.refusal && entry.clientId && (
              <Refused
                reason={refusalText(t, entry.refusal)}
                onRetry={() => {
                  if (entry.clientId) onRetry(entry.clientId);
                }}
                onDismiss={() => {
                  if (entry.clientId) onDismiss(entry.clientId);
                }}
              />
            )}
          </li>
        );
      })}
      </ol>
    </div>
  );
}

/** Under a refused message: the reason, then "send again" and "dismiss". */
function Refused({ reason, onRetry, onDismiss }: { reason: string; onRetry: () => void; onDismiss: () => void }) {
  const { t } = useT();
  return (
    <div class="chat__refused">
      <p class="chat__reason" data-testid="chat-message-reason">
        {reason}
      </p>
      <div class="chat__actions">
        <button type="button" class="button button--secondary button--quiet" data-testid="chat-retry" onClick={onRetry}>
          {t('chat.retry')}
        </button>
        <button type="button" class="button button--secondary button--quiet" data-testid="chat-dismiss" onClick={onDismiss}>
          {t('chat.dismiss')}
        </button>
      </div>
    </div>
  );
}
