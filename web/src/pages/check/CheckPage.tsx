// /check: before a call, a person checks their camera, microphone and speaker, then — signed
// in, or a guest with a question — sends picture and voice through the server's media
// engine and back, and learns which call will work from here: video, voice only, or the
// chat. Calm words throughout, because the chat always remains. `?back=/path` adds a way
// back to the page that linked here (a ticket, the desk).
import { useState } from 'preact/hooks';
import { Page } from '../../components/Page';
import type { CallMode } from '../../media/devices';
import { useMediaEnvironment } from '../../media/environment';
import { useT } from '../../i18n/context';
import { Link } from '../../router';
import { useSession } from '../../session';
import { backPath } from './links';
import { DevicesStep } from './DevicesStep';
import { EchoStep } from './EchoStep';
import { PermissionStep } from './PermissionStep';
import { SpeakerTest, type ToneAnswer } from './SpeakerTest';
import { useLocalMedia } from './useLocalMedia';
import { useAudioContext } from './useSound';

export function CheckPage() {
  const { t } = useT();
  const { user } = useSession();
  const env = useMediaEnvironment();
  const local = useLocalMedia(env);
  const audio = useAudioContext(env);
  const [speakerId, setSpeakerId] = useState('');
  const [toneHeard, setToneHeard] = useState<ToneAnswer>(null);
  const back = backPath(window.location.search);

  const start = (mode: CallMode) => {
    audio.ensure(); // in the click: the level meter may then run
    local.start(mode);
  };
  const chat = local.status === 'chat';

  return (
    <Page title={t('check.title')} testId="check-page">
      <p class="lead">{t('check.lead')}</p>
      <PermissionStep local={local} onStart={start} />
      {!chat && <DevicesStep local={local} context={audio.context} />}
      {!chat && (
        <SpeakerTest
          audio={audio}
          speakers={local.speakers}
          speakerId={speakerId}
          onSpeaker={setSpeakerId}
          heard={toneHeard}
          onHeard={setToneHeard}
        />
      )}
      {!chat && (
        <section class="card" aria-labelledby="check-echo-title" data-testid="check-echo">
          <h2 id="check-echo-title">{t('check.echo.title')}</h2>
          {user ? (
            <EchoStep stream={local.stream} mode={local.mode} speakerId={speakerId} toneHeard={toneHeard} />
          ) : (
            <>
              <p data-testid="echo-sign-in">{t('check.echo.signInNeeded')}</p>
              <p>
                <Link href="/sign-in">{t('header.signIn')}</Link>
              </p>
            </>
          )}
        </section>
      )}
      {back && (
        <p class="aside">
          <Link href={back} data-testid="check-back">
            {t('check.back')}
          </Link>
        </p>
      )}
    </Page>
  );
}
