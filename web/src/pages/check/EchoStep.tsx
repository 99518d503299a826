// Step 4: the picture and voice through the server's media engine and back. Only for a
// signed-in person or a guest with a question (the server needs their session); when calls
// are off, or their settings cannot be read, it says so and the chat stays. The verdict is
// said in words in a polite live region, and kept in `data-verdict` for browser tests.
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MediaSettings } from '../../api/types';
import { ConnectionBanner } from '../../components/ConnectionBanner';
import { CheckboxField } from '../../components/TextField';
import { useLoad } from '../../components/useLoad';
import { useConnectionState, useSocket } from '../../components/useSocket';
import type { CallMode } from '../../media/devices';
import type { EchoState } from '../../media/echo';
import { useMediaEnvironment } from '../../media/environment';
import { useT } from '../../i18n/context';
import { useSession } from '../../session';
import { attachStream, routeTo } from './elements';
import type { ToneAnswer } from './SpeakerTest';
import { useEchoTest } from './useEchoTest';

interface EchoStepProps {
  stream: MediaStream | null;
  mode: CallMode;
  speakerId: string;
  toneHeard: ToneAnswer;
}

export function EchoStep(props: EchoStepProps) {
  const { t } = useT();
  const { api } = useSession();
  const settings = useLoad(() => api.media(), [api]);
  if (settings.data === undefined && settings.error === undefined) {
    return <p class="loading">{t('status.loading')}</p>;
  }
  if (!settings.data?.calls) return <p data-testid="echo-calls-off">{t('check.echo.callsOff')}</p>;
  return <EchoPanel settings={settings.data} {...props} />;
}

/** The verdict and what it means, or how far the test has got; empty before a test. */
export function echoWords(t: TFunction, state: EchoState, video: boolean, toneHeard: ToneAnswer): string[] {
  switch (state.phase) {
    case 'idle':
      return [];
    case 'connecting':
      return [t('check.echo.connecting')];
    case 'measuring':
      return [t(video ? 'check.echo.measuring' : 'check.echo.measuringAudio')];
    case 'done': {
      const words: string[] = [];
      const audio = video ? 'check.echo.verdict.audio' : 'check.echo.verdict.audioOnly';
      if (state.verdict === 'video') words.push(t('check.echo.verdict.video'));
      else if (state.verdict === 'audio') words.push(t(audio));
      else words.push(t('check.echo.verdict.chat'));
      if (state.problem === 'server') words.push(state.message ?? t('errors.generic'));
      else if (state.problem) words.push(t(`check.echo.problem.${state.problem}`));
      if (toneHeard === 'no') words.push(t('check.echo.speakerNote'));
      return words;
    }
  }
}

function EchoPanel({ settings, stream, mode, speakerId, toneHeard }: EchoStepProps & { settings: MediaSettings }) {
  const { t } = useT();
  const env = useMediaEnvironment();
  const socket = useSocket();
  const connection = useConnectionState();
  const { state, test } = useEchoTest(env, socket);
  const [hear, setHear] = useState(false);
  const [testedVideo, setTestedVideo] = useState(mode === 'video');
  const remote = useRef<HTMLVideoElement>(null);

  // Another device or mode ends a test of the old one.
  const shown = useRef(stream);
  useEffect(() => {
    if (shown.current === stream) return;
    shown.current = stream;
    test?.stop();
  }, [stream, test]);
  useEffect(() => {
    attachStream(remote.current, state.remote);
  }, [state.remote]);
  useEffect(() => {
    if (env.speakerChoice) routeTo(remote.current, speakerId);
  }, [env, speakerId]);

  const testing = state.phase === 'connecting' || state.phase === 'measuring';
  const canStart = test !== null && stream !== null && connection === 'open' && !testing;
  const start = () => {
    if (!test || !stream) return;
    const video = mode === 'video';
    setTestedVideo(video);
    test.start({ stream, video, iceServers: settings.ice_servers, maxSdpBytes: settings.max_sdp_bytes });
  };

  const [first, ...rest] = test ? echoWords(t, state, testedVideo, toneHeard) : [t('check.echo.noWebrtc')];
  const verdict = test ? (state.phase === 'done' ? (state.verdict ?? undefined) : undefined) : 'chat';
  return (
    <>
      <p>{t(mode === 'video' ? 'check.echo.intro' : 'check.echo.introAudio')}</p>
      {!stream && test && (
        <p id="echo-need-media" class="field__hint" data-testid="echo-need-media">
          {t('check.echo.needMedia')}
        </p>
      )}
      <ConnectionBanner />
      <div class="actions">
        <button
          type="button"
          class="button"
          disabled={!canStart}
          aria-describedby={!stream && test ? 'echo-need-media' : undefined}
          data-testid="start-echo"
          onClick={start}
        >
          {state.phase === 'done' ? t('check.echo.again') : t('check.echo.start')}
        </button>
        {state.running && (
          <button
            type="button"
            class="button button--secondary"
            data-testid="stop-echo"
            onClick={() => {
              test?.stop();
            }}
          >
            {t('check.echo.stop')}
          </button>
        )}
      </div>
      <video
        ref={remote}
        class={testedVideo && state.remote ? 'check__video' : 'check__video check__video--sound'}
        autoplay
        playsInline
        muted={!hear}
        aria-label={t('check.echo.remote')}
        data-testid="remote-video"
      />
      {state.phase !== 'idle' && (
        <CheckboxField
          id="check-hear-echo"
          label={t('check.echo.hear')}
          hint={t('check.echo.hearHint')}
          checked={hear}
          onChecked={setHear}
          testId="echo-hear"
        />
      )}
      <div class="verdict" role="status" aria-live="polite" aria-atomic="true">
        <p data-testid="echo-verdict" data-verdict={verdict} data-state={state.phase}>
          {first && <strong>{first}</strong>}
          {rest.length > 0 && ` ${rest.join(' ')}`}
        </p>
        {state.slow && state.running && <p data-testid="echo-slow">{t('check.echo.slow')}</p>}
        {state.autoStopped && <p>{t('check.echo.autoStopped')}</p>}
      </div>
    </>
  );
}
