// The way a person last chose to talk in a call (video, or voice only), kept on this device
// so that a citizen who chose voice only is not asked for the camera next time. A browser
// that keeps nothing (private mode, storage off) simply offers video first again.
import type { CallMode } from './devices';

export const CALL_MODE_KEY = 'kelisim.callMode';

export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The tab's localStorage, or null where reading it throws (some private modes). */
export function browserStorage(): ChoiceStorage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

/** The mode chosen last on this device; video when none was. */
export function rememberedMode(storage: ChoiceStorage | null): CallMode {
  try {
    return storage?.getItem(CALL_MODE_KEY) === 'audio' ? 'audio' : 'video';
  } catch {
    return 'video';
  }
}

export function rememberMode(storage: ChoiceStorage | null, mode: CallMode): void {
  try {
    storage?.setItem(CALL_MODE_KEY, mode);
  } catch {
    // Full or forbidden: the choice is simply not kept.
  }
}
