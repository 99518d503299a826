// The translations between a browser's peer connection and what we send or decide.
import { describe, expect, it } from 'vitest';
import { candidateMessage, linkState, utf8Length } from './peer';

describe('peer helpers', () => {
  it('counts an SDP in bytes, as the server does', () => {
    expect(utf8Length('v=0\r\n')).toBe(5);
    expect(utf8Length('s=Қ')).toBe(4); // a Kazakh letter is two bytes
  });

  it('reads the connection state, or ICE’s in older browsers', () => {
    expect(linkState({ connectionState: 'failed', iceConnectionState: 'connected' })).toBe('failed');
    expect(linkState({ iceConnectionState: 'completed' })).toBe('connected');
    expect(linkState({ iceConnectionState: 'checking' })).toBe('connecting');
    expect(linkState({})).toBe('new');
  });

  it('trickles a candidate without its null fields', () => {
    expect(candidateMessage({ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 })).toEqual({
      candidate: 'candidate:1',
      sdpMid: '0',
      sdpMLineIndex: 0,
    });
    expect(candidateMessage({ candidate: 'candidate:2', sdpMid: null, sdpMLineIndex: null })).toEqual({
      candidate: 'candidate:2',
    });
  });
});
