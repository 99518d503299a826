// The controls of a call: toggles that say their state (aria-pressed) — microphone, camera,
// sharing the screen — and leaving; below them, another camera or microphone. Large targets,
// kept at the bottom of the screen on a phone. Each swaps a track: none interrupts the call.
import { SelectField } from '../../../components/TextField';
import type { Call, CallState } from '../../../media/call';
import { useT } from '../../../i18n/context';
import { deviceOptions } from '../../check/DevicesStep';

const pressed = (on: boolean) => (on ? 'true' : 'false');

export function CallControls({ state, call }: { state: CallState; call: Call }) {
  const { t } = useT();
  // While the devices are being turned on there is nothing to mute yet: only leaving.
  const ready = state.phase !== 'starting';
  const video = ready && state.mode === 'video';
  return (
    <>
      {ready && (state.cameras.length > 1 || state.mics.length > 1) && (
        <details class="call__devices">
          <summary>{t('call.devices')}</summary>
          {video && state.cameras.length > 0 && (
            <SelectField
              id="call-camera-select"
              label={t('check.devices.camera')}
              value={state.cameraId || (state.cameras[0]?.id ?? '')}
              options={deviceOptions(state.cameras, (n) => t('check.devices.cameraN', { n }))}
              onValue={(id) => void call.chooseCamera(id)}
              testId="call-camera-select"
            />
          )}
          <SelectField
            id="call-mic-select"
            label={t('check.devices.mic')}
            value={state.micId || (state.mics[0]?.id ?? '')}
            options={deviceOptions(state.mics, (n) => t('check.devices.micN', { n }))}
            onValue={(id) => void call.chooseMic(id)}
            testId="call-mic-select"
          />
        </details>
      )}
      <div class="call__controls" role="group" aria-label={t('call.controls.label')}>
        {ready && (
          <button
            type="button"
            class="button button--secondary call__control"
            aria-pressed={pressed(state.muted)}
            data-testid="call-mute"
            onClick={() => {
              call.setMuted(!state.muted);
            }}
          >
            {t('call.controls.mute')}
          </button>
        )}
        {video && (
          <button
            type="button"
            class="button button--secondary call__control"
            aria-pressed={pressed(state.cameraOff)}
            data-testid="call-camera"
            onClick={() => void call.setCameraOff(!state.cameraOff)}
          >
            {t('call.controls.camera')}
          </button>
        )}
        {video && call.canShare && (
          <button
            type="button"
            class="button button--secondary call__control"
            aria-pressed={pressed(state.sharing)}
            data-testid="call-share-screen"
            onClick={() => void (state.sharing ? call.stopSharing() : call.shareScreen())}
          >
            {t('call.controls.share')}
          </button>
        )}
        <button
          type="button"
          class="button button--danger call__control call__control--leave"
          data-testid="call-hangup"
          onClick={() => {
            call.hangUp();
          }}
        >
          {t('call.controls.hangUp')}
        </button>
      </div>
    </>
  );
}
