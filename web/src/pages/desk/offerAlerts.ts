// How a specialist learns of a new offer while not looking at the desk: a soft two-tone
// chime made with the Web Audio API (no file to load), unless muted on this device, and a
// system notification when they allowed it and the page is hidden.
// Browsers let a page make sound only after a user gesture, so the AudioContext is created
// (or resumed) on one — any click or key press on the desk — and never on load; permission
// for notifications is asked only when the specialist presses the button for it.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Offer } from '../../api/types';
import { useT } from '../../i18n/context';

/** localStorage key: "off" when the chime is muted on this device. */
export const SOUND_SETTING = 'kelisim.desk.sound';

export type Permission = NotificationPermission | 'unsupported';

type AudioContextClass = new () => AudioContext;

function audioContextClass(): AudioContextClass | undefined {
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return w.AudioContext ?? w.webkitAudioContext; // Safari before 14.5
}

function notificationApi(): typeof Notification | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

export function readPermission(): Permission {
  return notificationApi()?.permission ?? 'unsupported';
}

export function readMuted(): boolean {
  try {
    return localStorage.getItem(SOUND_SETTING) === 'off';
  } catch {
    return false; // storage blocked (private mode): the sound stays on
  }
}

function writeMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(SOUND_SETTING, 'off');
    else localStorage.removeItem(SOUND_SETTING);
  } catch {
    // Not remembered, but still applied for this visit.
  }
}

/** Two short sine tones, a fifth apart, about 0.4 s in all, quiet and without clicks. */
export function playChime(context: BaseAudioContext): void {
  const start = context.currentTime + 0.01;
  for (const [frequency, offset] of [
    [660, 0],
    [990, 0.17],
  ] as const) {
    const at = start + offset;
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
    tone.connect(gain).connect(context.destination);
    tone.start(at);
    tone.stop(at + 0.23);
  }
}

export interface OfferAlerts {
  muted: boolean;
  setMuted: (muted: boolean) => void;
  /** Whether a sound could play now (a gesture has unlocked the audio). */
  soundReady: boolean;
  permission: Permission;
  askPermission: () => Promise<void>;
  /** Chimes and notifies for a new offer; the same offer twice alerts once. */
  alert: (offer: Offer) => void;
}

export function useOfferAlerts(): OfferAlerts {
  const { t } = useT();
  const [muted, setMutedState] = useState(readMuted);
  const [permission, setPermission] = useState<Permission>(readPermission);
  const [soundReady, setSoundReady] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  const lastOffer = useRef('');

  // On a user gesture: create the audio context, or resume one the browser suspended.
  const unlock = useCallback(() => {
    const Context = audioContextClass();
    if (!Context) return;
    try {
      audio.current ??= new Context();
    } catch {
      return; // no audio device
    }
    const context = audio.current;
    // Re-rendering in the middle of a click on a controlled checkbox (the mute setting)
    // would undo its toggle, so the state is read in a task of its own.
    const refresh = () => {
      setTimeout(() => {
        setSoundReady(context.state === 'running');
      }, 0);
    };
    if (context.state === 'running') refresh();
    else context.resume().then(refresh, () => undefined);
  }, []);

  useEffect(() => {
    document.addEventListener('click', unlock);
    document.addEventListener('keydown', unlock);
    return () => {
      document.removeEventListener('click', unlock);
      document.removeEventListener('keydown', unlock);
      void audio.current?.close().catch(() => undefined);
      audio.current = null;
    };
  }, [unlock]);

  const setMuted = (next: boolean) => {
    setMutedState(next);
    writeMuted(next);
  };

  const askPermission = async () => {
    const api = notificationApi();
    if (!api) return;
    try {
      setPermission(await api.requestPermission());
    } catch {
      setPermission(api.permission);
    }
  };

  const alert = (offer: Offer) => {
    const key = `${offer.ticket_id}@${offer.expires_at}`;
    if (key === lastOffer.current) return;
    lastOffer.current = key;
    const context = audio.current;
    if (!muted && context) {
      if (context.state === 'running') playChime(context);
      // Suspended by the browser meanwhile: try once more (it may refuse without a gesture).
      else
        context.resume().then(
          () => {
            playChime(context);
          },
          () => undefined,
        );
    }
    const api = notificationApi();
    if (api?.permission !== 'granted' || !document.hidden) return;
    try {
      // No description: a notification may show on a locked screen.
      const notification = new api(t('offer.title'), {
        body: t('desk.alerts.offerBody', {
          kind: t(`kind.${offer.kind}`),
          category: t(`category.${offer.category}`, { defaultValue: offer.category }),
        }),
        tag: 'kelisim-offer',
      });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
    } catch {
      // Android's Chrome shows notifications only from a service worker; the chime remains.
    }
  };

  return { muted, setMuted, soundReady, permission, askPermission, alert };
}
