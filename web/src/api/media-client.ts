// The media endpoints: whether calls are on, the ICE servers to reach the media engine,
// and the largest offer it takes. Signalling itself goes over the socket (socket.ts).
import type { RequestFn } from './client';
import type { MediaSettings } from './types';

export function mediaEndpoints(request: RequestFn) {
  return {
    /** For a signed-in person or a guest with a question (their session cookie). */
    media: () => request<MediaSettings>('GET', '/api/v1/media'),
  };
}
