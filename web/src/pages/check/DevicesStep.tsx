// Step 2: once the devices are on, which camera and microphone (changing one restarts the
// preview with it), the mirrored preview, and the microphone's live level as a <meter>
// (with `data-level`), said in words once it hears something. Before that, what will be here.
import { useEffect, useRef } from 'preact/hooks';
import { LiveMessage } from '../../components/LiveMessage';
import { SelectField } from '../../components/TextField';
import type { DeviceChoice } from '../../media/devices';
import { useMediaEnvironment } from '../../media/environment';
import { useT } from '../../i18n/context';
import { attachStream } from './elements';
import type { LocalMedia } from './useLocalMedia';
import { useMicLevel } from './useSound';

/** Options for a device <select>: their names, or "Camera 2" before the browser gives them. */
export function deviceOptions(devices: readonly DeviceChoice[], unnamed: (n: number) => string) {
  return devices.map((device, i) => ({ value: device.id, label: device.label || unnamed(i + 1) }));
}

export function DevicesStep({ local, context }: { local: LocalMedia; context: AudioContext | null }) {
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = local.status === 'ready';

  // The step fills once the browser said yes: take keyboard and screen-reader users to it.
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready]);

  return (
    <section class="card check__devices" aria-labelledby="check-devices-title" data-testid="check-devices">
      <h2 id="check-devices-title" ref={heading} tabIndex={-1}>
        {t('check.devices.title')}
      </h2>
      {ready ? <Devices local={local} context={context} /> : <p>{t('check.devices.later')}</p>}
    </section>
  );
}

function Devices({ local, context }: { local: LocalMedia; context: AudioContext | null }) {
  const { t } = useT();
  const env = useMediaEnvironment();
  const preview = useRef<HTMLVideoElement>(null);
  const meter = useRef<HTMLMeterElement>(null);
  const heard = useMicLevel(env, context, local.stream, meter);
  const video = local.mode === 'video';
  useEffect(() => {
    attachStream(preview.current, local.stream);
  }, [local.stream, video]);

  return (
    <>
      {video && (
        <SelectField
          id="check-camera"
          label={t('check.devices.camera')}
          value={local.cameraId || (local.cameras[0]?.id ?? '')}
          options={deviceOptions(local.cameras, (n) => t('check.devices.cameraN', { n }))}
          onValue={local.chooseCamera}
          testId="camera-select"
        />
      )}
      <SelectField
        id="check-mic"
        label={t('check.devices.mic')}
        value={local.micId || (local.mics[0]?.id ?? '')}
        options={deviceOptions(local.mics, (n) => t('check.devices.micN', { n }))}
        onValue={local.chooseMic}
        testId="mic-select"
      />
      {video && (
        <>
          <video
            ref={preview}
            class="check__video check__video--mirror"
            autoplay
            muted
            playsInline
            aria-label={t('check.devices.preview')}
            data-testid="local-video"
          />
          <p class="field__hint">{t('check.devices.previewHint')}</p>
        </>
      )}
      <div class="field">
        <label for="check-level">{t('check.devices.level')}</label>
        <p id="check-level-hint" class="field__hint">
          {t('check.devices.levelHint')}
        </p>
        <meter
          id="check-level"
          ref={meter}
          class="check__meter"
          min={0}
          max={1}
          data-level="0"
          aria-describedby="check-level-hint"
          data-testid="mic-level"
        />
      </div>
      <LiveMessage kind="status" message={heard ? t('check.devices.heard') : undefined} testId="mic-heard" />
    </>
  );
}
