// Step 1: what is asked and why, the choice of video or voice only, and — when the browser
// says no — what it means and how to allow it, with voice only and the chat as ways on.
// One main button keeps its place from "Turn on" to "Try again", so the focus stays on it.
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { LiveMessage } from '../../components/LiveMessage';
import type { CallMode, MediaProblem } from '../../media/devices';
import { useT } from '../../i18n/context';
import type { LocalMedia, LocalStatus } from './useLocalMedia';

const PROBLEMS: readonly LocalStatus[] = ['denied', 'notFound', 'inUse', 'unsupported', 'failed'];

function problemOf(status: LocalStatus): MediaProblem | null {
  return PROBLEMS.includes(status) ? (status as MediaProblem) : null;
}

interface PermissionStepProps {
  local: LocalMedia;
  /** Asks for the devices in a mode (from a click: sound may start then). */
  onStart: (mode: CallMode) => void;
}

export function PermissionStep({ local, onStart }: PermissionStepProps) {
  const { t } = useT();
  const { status, mode } = local;
  const problem = problemOf(status);
  const video = mode === 'video';
  let message: string | undefined;
  if (status === 'asking') message = t('check.permission.asking');
  else if (problem) message = t(`check.problem.${problem}.title`);
  else if (status === 'ready') message = t(video ? 'check.permission.ready' : 'check.permission.readyAudio');
  else if (status === 'chat') message = t('check.chatOnly');
  const asking = status === 'asking';
  let startLabel = video ? 'check.permission.start' : 'check.permission.startAudio';
  if (problem) startLabel = 'check.permission.retry';
  return (
    <section class="card check__permission" aria-labelledby="check-permission-title">
      <h2 id="check-permission-title">{t('check.permission.title')}</h2>
      {status !== 'ready' && <p>{t(video ? 'check.permission.why' : 'check.permission.whyAudio')}</p>}
      <ChoiceGroup<CallMode>
        id="check-mode"
        type="radio"
        legend={t('check.mode.legend')}
        options={[
          { value: 'video', label: t('check.mode.video') },
          { value: 'audio', label: t('check.mode.audio') },
        ]}
        selected={[mode]}
        onChange={(selected) => {
          local.changeMode(selected[0] ?? 'video');
        }}
        testId="check-mode"
      />
      <LiveMessage kind="status" message={message} testId="check-status" state={status} />
      {problem && (
        <p data-testid="check-problem" data-problem={problem}>
          {t(`check.problem.${problem}.text`)}
        </p>
      )}
      {status !== 'ready' && (
        <div class="actions">
          {problem !== 'unsupported' && (
            <button
              type="button"
              class="button"
              aria-disabled={asking ? 'true' : undefined}
              data-testid="check-start"
              onClick={() => {
                if (!asking) onStart(mode);
              }}
            >
              {t(startLabel)}
            </button>
          )}
          {problem && problem !== 'unsupported' && video && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="check-audio-only"
              onClick={() => {
                onStart('audio');
              }}
            >
              {t('check.permission.audioOnly')}
            </button>
          )}
          {problem && (
            <button
              type="button"
              class="button button--secondary"
              data-testid="check-chat-only"
              onClick={local.chooseChat}
            >
              {t('check.permission.chatOnly')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
