// Narrowing the offer's codecs: what is kept out of a Chromium-like capability list, and
// the browsers where it cannot be done.
import { describe, expect, it } from 'vitest';
import { keptCodecs, preferCodecs, type CodecLike } from './codecs';

const VIDEO: CodecLike[] = [
  { mimeType: 'video/VP8', clockRate: 90000 },
  { mimeType: 'video/rtx', clockRate: 90000 },
  { mimeType: 'video/VP9', clockRate: 90000, sdpFmtpLine: 'profile-id=0' },
  { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'level-asymmetry-allowed=1;packetization-mode=1' },
  { mimeType: 'video/AV1', clockRate: 90000 },
  { mimeType: 'video/red', clockRate: 90000 },
  { mimeType: 'video/ulpfec', clockRate: 90000 },
];
const AUDIO: CodecLike[] = [
  { mimeType: 'audio/opus', clockRate: 48000, channels: 2, sdpFmtpLine: 'minptime=10;useinbandfec=1' },
  { mimeType: 'audio/red', clockRate: 48000, channels: 2 },
  { mimeType: 'audio/G722', clockRate: 8000 },
  { mimeType: 'audio/PCMU', clockRate: 8000 },
  { mimeType: 'audio/telephone-event', clockRate: 48000 },
];

describe('keptCodecs', () => {
  it('keeps VP8 and its retransmissions for the picture', () => {
    expect(keptCodecs('video', VIDEO)).toEqual([VIDEO[0], VIDEO[1]]);
  });

  it('keeps Opus alone for the voice', () => {
    expect(keptCodecs('audio', AUDIO)).toEqual([AUDIO[0]]);
  });

  it('gives up when the main codec is missing (retransmissions alone are refused)', () => {
    expect(keptCodecs('video', VIDEO.slice(1))).toBeNull();
    expect(keptCodecs('audio', AUDIO.slice(1))).toBeNull();
    expect(keptCodecs('audio', [])).toBeNull();
  });
});

describe('preferCodecs', () => {
  it('sets the kept codecs on the transceiver', () => {
    const set: CodecLike[][] = [];
    const transceiver = {
      setCodecPreferences(codecs: CodecLike[]) {
        set.push(codecs);
      },
    };
    expect(preferCodecs(transceiver, 'video', () => VIDEO)).toBe(true);
    expect(preferCodecs(transceiver, 'audio', () => AUDIO)).toBe(true);
    expect(set.map((codecs) => codecs.map((c) => c.mimeType))).toEqual([['video/VP8', 'video/rtx'], ['audio/opus']]);
  });

  it('leaves the transceiver alone when the browser cannot narrow, or refuses', () => {
    expect(preferCodecs({}, 'video', () => VIDEO)).toBe(false);
    let called = false;
    const transceiver = {
      setCodecPreferences() {
        called = true;
      },
    };
    expect(preferCodecs(transceiver, 'video', () => null)).toBe(false);
    expect(preferCodecs(transceiver, 'video', () => VIDEO.slice(2))).toBe(false);
    expect(called).toBe(false);
    const refusing = {
      setCodecPreferences() {
        throw new DOMException('not in the capabilities', 'InvalidModificationError');
      },
    };
    expect(preferCodecs(refusing, 'audio', () => AUDIO)).toBe(false);
  });
});
