// Step 3: the speaker. A button plays a short soft tone made on the spot (no sound file),
// through the chosen speaker where the browser allows choosing; then "Did you hear it?",
// whose answer the echo verdict remembers.
import { useRef, useState } from 'preact/hooks';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { LiveMessage } from '../../components/LiveMessage';
import { SelectField } from '../../components/TextField';
import { playTone } from '../../media/audio';
import type { DeviceChoice } from '../../media/devices';
import { useMediaEnvironment } from '../../media/environment';
import { useT } from '../../i18n/context';
import { deviceOptions } from './DevicesStep';
import { attachStream, routeTo } from './elements';
import type { AudioHandle } from './useSound';

export type ToneAnswer = 'yes' | 'no' | null;

interface SpeakerTestProps {
  audio: AudioHandle;
  speakers: readonly DeviceChoice[];
  speakerId: string;
  onSpeaker: (id: string) => void;
  heard: ToneAnswer;
  onHeard: (answer: ToneAnswer) => void;
}

export function SpeakerTest({ audio, speakers, speakerId, onSpeaker, heard, onHeard }: SpeakerTestProps) {
  const { t } = useT();
  const env = useMediaEnvironment();
  const [played, setPlayed] = useState(false);
  const sink = useRef<HTMLAudioElement>(null);
  const choosing = env.speakerChoice && speakers.length > 0;

  const play = () => {
    const context = audio.ensure();
    if (!context) return;
    let destination: AudioNode = context.destination;
    // A chosen speaker: through an <audio> element, which can be sent to it.
    if (choosing && speakerId) {
      try {
        const out = context.createMediaStreamDestination();
        attachStream(sink.current, out.stream);
        routeTo(sink.current, speakerId);
        destination = out;
      } catch {
        // Then through the default speaker.
      }
    }
    playTone(context, destination);
    setPlayed(true);
  };

  let answer: string | undefined;
  if (heard === 'yes') answer = t('check.speaker.heardYes');
  else if (heard === 'no') answer = t('check.speaker.heardNo');

  return (
    <section class="card" aria-labelledby="check-speaker-title">
      <h2 id="check-speaker-title">{t('check.speaker.title')}</h2>
      {!env.audioContext ? (
        <p>{t('check.speaker.unsupported')}</p>
      ) : (
        <>
          {choosing && (
            <SelectField
              id="check-speaker"
              label={t('check.speaker.choose')}
              value={speakerId || (speakers[0]?.id ?? '')}
              options={deviceOptions(speakers, (n) => t('check.speaker.speakerN', { n }))}
              onValue={onSpeaker}
              testId="speaker-select"
            />
          )}
          <p>{t('check.speaker.intro')}</p>
          <div class="actions">
            <button type="button" class="button button--secondary" data-testid="play-tone" onClick={play}>
              {t('check.speaker.play')}
            </button>
          </div>
          <audio ref={sink} hidden />
          {played && (
            <ChoiceGroup<'yes' | 'no'>
              id="check-tone-heard"
              type="radio"
              legend={t('check.speaker.question')}
              options={[
                { value: 'yes', label: t('check.speaker.yes') },
                { value: 'no', label: t('check.speaker.no') },
              ]}
              selected={heard ? [heard] : []}
              onChange={(selected) => {
                onHeard(selected[0] ?? null);
              }}
              testId="tone-heard"
            />
          )}
          <LiveMessage kind="status" message={answer} testId="tone-answer" />
        </>
      )}
    </section>
  );
}
