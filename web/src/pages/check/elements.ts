// Putting streams on media elements: the picture (or sound) shown, and the speaker it
// plays through where the browser lets a page choose.

/** Shows `stream` on the element and plays it (autoplay alone is not enough everywhere). */
export function attachStream(element: HTMLMediaElement | null, stream: MediaStream | null): void {
  if (!element || element.srcObject === stream) return;
  element.srcObject = stream;
  if (!stream) return;
  try {
    // Undefined in old browsers and in jsdom; refused playback shows as a still picture.
    const playing = element.play() as Promise<void> | undefined;
    playing?.catch(() => undefined);
  } catch {
    // Not implemented here: autoplay does it.
  }
}

/** Sends the element's sound to a chosen speaker (HTMLMediaElement.setSinkId), if any. */
export function routeTo(element: HTMLMediaElement | null, speakerId: string): void {
  // Missing in Safari before 18.4 and in Firefox before 116, whatever the types say.
  if (!element || !speakerId || !('setSinkId' in element)) return;
  element.setSinkId(speakerId).catch(() => undefined); // the device went away: the default plays
}
