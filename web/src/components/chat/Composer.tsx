// Writing in a room: a textarea (Enter sends, Shift+Enter starts a new line), the send
// button, and a file to attach (PDF, photo or text file, up to 10 MiB; the server checks
// what the file really is). Typing notices go out
// through `onTyping`, which the chat throttles.
import { useRef, useState } from 'preact/hooks';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { formErrors } from '../errors';
import { textLength } from '../format';
import { LiveMessage } from '../LiveMessage';

export const MAX_MESSAGE = 4000;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
  'text/plain',
];
/** Some browsers give HEIC photos no type: their extension is enough to try. */
export const ATTACHMENT_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.webp', '.heic', '.heif', '.txt'];

export function acceptedAttachment(file: { name: string; type: string }): boolean {
  if (file.type) return ATTACHMENT_TYPES.includes(file.type);
  const name = file.name.toLowerCase();
  return ATTACHMENT_EXTENSIONS.some((extension) => name.endsWith(extension));
}

interface ComposerProps {
  roomId: string;
  onSend: (body: string) => void;
  onTyping: () => void;
  /** Files may be attached (a consultation's room; not a conference's chat). */
  attachments?: boolean;
}

export function Composer({ roomId, onSend, onTyping, attachments = true }: ComposerProps) {
  const { t } = useT();
  const { api } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [uploading, setUploading] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const tooLong = textLength(text) > MAX_MESSAGE;

  const send = () => {
    const body = text.trim();
    if (!body) return;
    if (tooLong) {
      setError(t('validation.tooLong', { max: MAX_MESSAGE }));
      return;
    }
    setError(undefined);
    onSend(body);
    setText('');
  };

  const attach = async (chosen: File | undefined) => {
    if (!chosen) return;
    setStatus(undefined);
    if (!acceptedAttachment(chosen)) setError(t('chat.fileType'));
    else if (chosen.size > MAX_ATTACHMENT_BYTES) setError(t('chat.fileSize'));
    else {
      setError(undefined);
      setUploading(true);
      try {
        const attachment = await api.upload(roomId, chosen);
        setStatus(t('chat.fileSent', { name: attachment.file_name }));
      } catch (failure) {
        setError(formErrors(t, failure, []).message);
      } finally {
        setUploading(false);
      }
    }
    if (file.current) file.current.value = '';
  };

  return (
    <form
      class="chat__composer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <LiveMessage kind="error" message={error} testId="chat-error" />
      <label for={`chat-input-${roomId}`}>{t('chat.input')}</label>
      <p id={`chat-input-${roomId}-hint`} class="field__hint">
        {t('chat.inputHint')}
      </p>
      <textarea
        id={`chat-input-${roomId}`}
        rows={3}
        value={text}
        aria-describedby={`chat-input-${roomId}-hint`}
        aria-invalid={tooLong ? 'true' : undefined}
        data-testid="chat-input"
        onInput={(event) => {
          setText(event.currentTarget.value);
          onTyping();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <div class="chat__actions">
        <button type="submit" class="button" data-testid="chat-send">
          {t('chat.send')}
        </button>
        {attachments && (
          <label class="button button--secondary chat__attach">
            {uploading ? t('chat.uploading') : t('chat.attach')}
            <input
              ref={file}
              type="file"
              class="visually-hidden"
              accept={[...ATTACHMENT_TYPES, ...ATTACHMENT_EXTENSIONS].join(',')}
              disabled={uploading}
              data-testid="chat-attach"
              onChange={(event) => void attach(event.currentTarget.files?.[0])}
            />
          </label>
        )}
      </div>
      <LiveMessage kind="status" message={status} testId="chat-status" />
    </form>
  );
}
