// The echo test driven by hand: the real socket client on a fake WebSocket, a fake peer
// connection, a fake clock and timers. What goes over the socket and in which order, the
// verdict from the counters, and every way it ends in chat.
import { describe, expect, it } from 'vitest';
import { KelisimSocket } from '../api/socket';
import type { CodecLike } from './codecs';
import { EchoTest, KEEP_RUNNING_MS, MAX_WINDOWS, type EchoState } from './echo';
import type { CandidateLike, PeerLike } from './peer';
import { CONNECT_TIMEOUT_MS, SAMPLE_GAP_MS } from './verdict';
import { FakeSocket } from '../testing/harness';

interface FakeTransceiver {
  kind: string;
  init: RTCRtpTransceiverInit;
  codecs: CodecLike[] | null;
  setCodecPreferences(codecs: CodecLike[]): void;
}

class FakePeer implements PeerLike {
  connectionState: RTCPeerConnectionState | undefined = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  transceivers: FakeTransceiver[] = [];
  remote: RTCSessionDescriptionInit | null = null;
  closed = false;
  offerSdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
  /** What getStats() answers next: inbound-rtp entries. */
  stats: unknown[] = [];
  statsFail = false;
  onicecandidate: ((event: { candidate: CandidateLike | null }) => void) | null = null;
  ontrack: ((event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {}
  addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit) {
    const transceiver: FakeTransceiver = {
      kind: track.kind,
      init,
      codecs: null,
      setCodecPreferences(codecs) {
        transceiver.codecs = codecs;
      },
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }
  createOffer() {
    return Promise.resolve({ type: 'offer' as const, sdp: this.offerSdp });
  }
  setLocalDescription() {
    return Promise.resolve();
  }
  setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.remote = description;
    return Promise.resolve();
  }
  getStats() {
    return this.statsFail ? Promise.reject(new Error('closed')) : Promise.resolve(new Map(this.stats.entries()));
  }
  close() {
    this.closed = true;
  }
  // The network's side:
  gather(candidate: string | null, sdpMid: string | null = '0') {
    this.onicecandidate?.({ candidate: candidate === null ? null : { candidate, sdpMid, sdpMLineIndex: 0 } });
  }
  link(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
  /** Inbound counters: video [bytes, frames] (or none) and audio bytes (or none). */
  counters(video: [number, number] | null, audio: number | null) {
    this.stats = [
      ...(video ? [{ type: 'inbound-rtp', kind: 'video', bytesReceived: video[0], framesDecoded: video[1] }] : []),
      ...(audio === null ? [] : [{ type: 'inbound-rtp', kind: 'audio', bytesReceived: audio }]),
    ];
  }
}

const CAPABILITIES: Record<string, CodecLike[]> = {
  audio: [
    { mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { mimeType: 'audio/PCMU', clockRate: 8000 },
  ],
  video: [
    { mimeType: 'video/VP8', clockRate: 90000 },
    { mimeType: 'video/rtx', clockRate: 90000 },
    { mimeType: 'video/H264', clockRate: 90000 },
  ],
};

const ICE: RTCIceServer[] = [{ urls: ['turn:turn.kelisim.kz:3478?transport=udp'], username: 'u', credential: 'p' }];

function track(kind: string) {
  return { kind, id: `${kind}1` } as unknown as MediaStreamTrack;
}

function localStream({ video = true } = {}) {
  const audio = [track('audio')];
  const videos = video ? [track('video')] : [];
  return { getAudioTracks: () => audio, getVideoTracks: () => videos } as unknown as MediaStream;
}

/** Lets promise chains (offer, stats) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function harness({ open = true, setUp = (peer: FakePeer) => peer } = {}) {
  const fakes: FakeSocket[] = [];
  const socket = new KelisimSocket({
    url: 'ws://test/ws',
    open: () => {
      const fake = new FakeSocket();
      fakes.push(fake);
      return fake;
    },
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  socket.start();
  const ws = fakes[0];
  if (!ws) throw new Error('no socket');
  if (open) {
    ws.readyState = 1;
    ws.onopen?.({});
  }
  let clock = 1_000;
  const timers = new Map<number, { fn: () => void; at: number }>();
  let nextTimer = 0;
  const peers: FakePeer[] = [];
  const states: EchoState[] = [];
  const echo = new EchoTest(
    {
      signal: socket,
      peer: (config) => {
        const peer = setUp(new FakePeer(config));
        peers.push(peer);
        return peer;
      },
      codecs: (kind) => CAPABILITIES[kind] ?? null,
      now: () => clock,
      setTimer: (fn, ms) => {
        nextTimer += 1;
        timers.set(nextTimer, { fn, at: clock + ms });
        return nextTimer;
      },
      clearTimer: (timer) => {
        timers.delete(timer as number);
      },
    },
    (state) => states.push(state),
  );
  /** Moves the clock on, firing the timers that fall due, in order. */
  const advance = async (ms: number) => {
    const until = clock + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      clock = due[1].at;
      due[1].fn();
      await settle();
    }
    clock = until;
  };
  const peer = () => {
    const last = peers[peers.length - 1];
    if (!last) throw new Error('no peer connection');
    return last;
  };
  const sent = () => ws.sent.filter((m) => String(m.type).startsWith('echo.'));
  return { socket, ws, echo, peers, peer, states, timers, sent, advance };
}

async function started(options: { video?: boolean; maxSdpBytes?: number } = {}) {
  const h = harness();
  h.echo.start({
    stream: localStream({ video: options.video ?? true }),
    video: options.video ?? true,
    iceServers: ICE,
    maxSdpBytes: options.maxSdpBytes ?? 8000,
  });
  await settle();
  return h;
}

describe('EchoTest', () => {
  it('sends the offer at once, then each candidate and one `completed`', async () => {
    const h = harness();
    h.echo.start({ stream: localStream(), video: true, iceServers: ICE, maxSdpBytes: 8000 });
    // A candidate found before the offer went out waits for it.
    h.peer().gather('candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host');
    expect(h.sent()).toEqual([]);
    await settle();
    h.peer().gather('candidate:2 1 udp 1686052607 203.0.113.7 50000 typ srflx', null);
    h.peer().gather(''); // end of a generation: not sent
    h.peer().gather(null);
    h.peer().gather(null);
    expect(h.sent()).toEqual([
      { type: 'echo.offer', sdp: h.peer().offerSdp },
      {
        type: 'echo.candidate',
        candidate: { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 },
      },
      {
        type: 'echo.candidate',
        candidate: { candidate: 'candidate:2 1 udp 1686052607 203.0.113.7 50000 typ srflx', sdpMLineIndex: 0 },
      },
      { type: 'echo.candidate', completed: true },
    ]);
    expect(h.echo.state).toMatchObject({ phase: 'connecting', running: true, verdict: null });
  });

  it('offers voice first then picture, VP8 and Opus only, over the given ICE servers, bundled', async () => {
    const { peer } = await started();
    expect(peer().config).toEqual({ iceServers: ICE, bundlePolicy: 'max-bundle' });
    expect(peer().transceivers.map((t) => [t.kind, t.init.direction, t.codecs?.map((c) => c.mimeType)])).toEqual([
      ['audio', 'sendrecv', ['audio/opus']],
      ['video', 'sendrecv', ['video/VP8', 'video/rtx']],
    ]);
  });

  it('offers the voice alone for a voice-only check', async () => {
    const { peer } = await started({ video: false });
    expect(peer().transceivers.map((t) => t.kind)).toEqual(['audio']);
  });

  it('takes the answer, shows the echoed stream, and gives video when picture and voice come back', async () => {
    const h = await started();
    h.ws.push({ type: 'echo.answer', sdp: 'v=0 answer' });
    h.ws.push({ type: 'echo.answer', sdp: 'v=0 again' }); // a repeat changes nothing
    expect(h.peer().remote).toEqual({ type: 'answer', sdp: 'v=0 answer' });
    const remote = { id: 'echoed' } as unknown as MediaStream;
    h.peer().ontrack?.({ track: track('audio'), streams: [remote] });
    expect(h.echo.state.remote).toBe(remote);
    h.peer().counters([1_000, 5], 500);
    h.peer().link('connected');
    await settle();
    expect(h.echo.state.phase).toBe('measuring');
    h.peer().counters([120_000, 45], 8_500);
    await h.advance(SAMPLE_GAP_MS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'video', problem: null, running: true });
    expect(h.peer().closed).toBe(false); // still echoing, for the person to see themselves
  });

  it('stops by itself a while after the verdict, telling the server', async () => {
    const h = await started();
    h.peer().counters([0, 0], 0);
    h.ws.push({ type: 'media.event', scope: 'echo', event: 'connected' }); // the server's word is enough
    await settle();
    h.peer().counters([9_000, 30], 4_000);
    await h.advance(SAMPLE_GAP_MS);
    expect(h.echo.state.verdict).toBe('video');
    await h.advance(KEEP_RUNNING_MS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'video', running: false, autoStopped: true });
    expect(h.peer().closed).toBe(true);
    expect(h.sent().at(-1)).toEqual({ type: 'echo.stop' });
  });

  it('gives audio for a voice-only check whose voice comes back', async () => {
    const h = await started({ video: false });
    h.peer().counters(null, 100);
    h.peer().link('connected');
    await settle();
    h.peer().counters(null, 5_000);
    await h.advance(SAMPLE_GAP_MS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'audio' });
  });

  it('measures again while the picture is late, and settles for the voice after the last window', async () => {
    const h = await started();
    h.peer().counters([0, 0], 0);
    h.peer().link('connected');
    await settle();
    let audio = 0;
    for (let window = 1; window < MAX_WINDOWS; window += 1) {
      audio += 4_000;
      h.peer().counters([0, 0], audio);
      await h.advance(SAMPLE_GAP_MS);
      expect(h.echo.state.phase).toBe('measuring');
    }
    h.peer().counters([0, 0], audio + 4_000);
    await h.advance(SAMPLE_GAP_MS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'audio' });
  });

  it('gives video when the picture shows up in a later window', async () => {
    const h = await started();
    h.peer().counters([0, 0], 0);
    h.peer().link('connected');
    await settle();
    h.peer().counters([0, 0], 4_000);
    await h.advance(SAMPLE_GAP_MS);
    h.peer().counters([30_000, 12], 8_000);
    await h.advance(SAMPLE_GAP_MS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'video' });
  });

  it('gives chat, and ends, when connected but nothing comes back', async () => {
    const h = await started();
    h.peer().counters([0, 0], 0);
    h.peer().link('connected');
    await settle();
    await h.advance(SAMPLE_GAP_MS * MAX_WINDOWS);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'chat', problem: 'nothing', running: false });
    expect(h.peer().closed).toBe(true);
    expect(h.sent().at(-1)).toEqual({ type: 'echo.stop' });
  });

  it('gives chat when not connected within 15 s', async () => {
    const h = await started();
    h.peer().link('connecting');
    await h.advance(CONNECT_TIMEOUT_MS - 1);
    expect(h.echo.state.phase).toBe('connecting');
    await h.advance(1);
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'chat', problem: 'timeout', running: false });
    expect(h.sent().at(-1)).toEqual({ type: 'echo.stop' });
    expect(h.timers.size).toBe(0);
  });

  it('gives chat when the connection fails', async () => {
    const h = await started();
    h.peer().link('failed');
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'failed' });
  });

  it('follows the ICE state where the browser has no connection state', async () => {
    const h = await started();
    h.peer().connectionState = undefined;
    h.peer().counters(null, 0);
    h.peer().iceConnectionState = 'completed';
    h.peer().oniceconnectionstatechange?.();
    await settle();
    expect(h.echo.state.phase).toBe('measuring');
  });

  it('shows the server’s refusal in its words, with the chat verdict', async () => {
    const h = await started();
    h.ws.push({ type: 'error', code: 'forbidden', message: 'Нет прав.' }); // the chat's, not ours
    expect(h.echo.state.phase).toBe('connecting');
    h.ws.push({
      type: 'error',
      code: 'media_unavailable',
      message: 'Қоңыраулар қазір қолжетімсіз.',
      scope: 'echo',
    });
    expect(h.echo.state).toMatchObject({
      phase: 'done',
      verdict: 'chat',
      problem: 'server',
      message: 'Қоңыраулар қазір қолжетімсіз.',
    });
    expect(h.peer().closed).toBe(true);
  });

  it('gives chat when the server hangs up before a verdict, and only ends the echo after one', async () => {
    const h = await started();
    h.ws.push({ type: 'media.event', scope: 'echo', event: 'hangup' });
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'hangup' });

    const again = await started();
    again.peer().counters(null, 0);
    again.peer().link('connected');
    await settle();
    again.peer().counters([2_000, 3], 900);
    await again.advance(SAMPLE_GAP_MS);
    again.ws.push({ type: 'media.event', scope: 'echo', event: 'hangup' });
    expect(again.echo.state).toMatchObject({ verdict: 'video', running: false, problem: null });
  });

  it('notes a slow link without giving up', async () => {
    const h = await started();
    h.ws.push({ type: 'media.event', scope: 'echo', event: 'slowlink' });
    expect(h.echo.state).toMatchObject({ phase: 'connecting', slow: true });
  });

  it('gives chat at once when the socket is not open, sending nothing', () => {
    const h = harness({ open: false });
    h.echo.start({ stream: localStream(), video: true, iceServers: ICE, maxSdpBytes: 8000 });
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'socket' });
    expect(h.peers).toEqual([]);
  });

  it('gives chat when the socket is lost during the test', async () => {
    const h = await started();
    h.ws.readyState = 3;
    h.ws.onclose?.({});
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'socket' });
    expect(h.peer().closed).toBe(true);
  });

  it('does not send an offer over the server’s limit', async () => {
    const h = await started({ maxSdpBytes: 10 });
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'sdp_too_large' });
    expect(h.sent()).toEqual([]);
  });

  it('gives chat when the browser cannot make the offer, sending nothing', async () => {
    const h = harness({
      setUp: (peer) => {
        peer.createOffer = () => Promise.reject(new DOMException('no', 'InvalidStateError'));
        return peer;
      },
    });
    h.echo.start({ stream: localStream(), video: true, iceServers: ICE, maxSdpBytes: 8000 });
    await settle();
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'setup' });
    expect(h.sent()).toEqual([]);
  });

  it('gives chat when the browser cannot take the answer', async () => {
    const h = harness({
      setUp: (peer) => {
        peer.setRemoteDescription = () => Promise.reject(new DOMException('bad sdp', 'OperationError'));
        return peer;
      },
    });
    h.echo.start({ stream: localStream({ video: false }), video: false, iceServers: ICE, maxSdpBytes: 8000 });
    await settle();
    h.ws.push({ type: 'echo.answer', sdp: 'garbage' });
    await settle();
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'setup' });
    expect(h.sent().map((m) => m.type)).toEqual(['echo.offer', 'echo.stop']);
  });

  it('gives chat when there is no microphone track to send', async () => {
    const h = harness();
    const silent = { getAudioTracks: () => [], getVideoTracks: () => [track('video')] } as unknown as MediaStream;
    h.echo.start({ stream: silent, video: true, iceServers: ICE, maxSdpBytes: 8000 });
    await settle();
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'setup' });
  });

  it('gives chat when the statistics cannot be read', async () => {
    const h = await started();
    h.peer().statsFail = true;
    h.peer().link('connected');
    await settle();
    expect(h.echo.state).toMatchObject({ verdict: 'chat', problem: 'failed' });
  });

  it('stop() drops a test under way, closes and tells the server; late answers change nothing', async () => {
    const h = await started();
    const peer = h.peer();
    h.echo.stop();
    expect(h.echo.state).toMatchObject({ phase: 'idle', running: false, verdict: null });
    expect(peer.closed).toBe(true);
    expect(h.sent().at(-1)).toEqual({ type: 'echo.stop' });
    h.ws.push({ type: 'echo.answer', sdp: 'late' });
    h.ws.push({ type: 'error', scope: 'echo', code: 'busy', message: 'late' });
    await h.advance(CONNECT_TIMEOUT_MS);
    expect(peer.remote).toBeNull();
    expect(h.echo.state.phase).toBe('idle');
    h.echo.stop(); // nothing running: nothing sent
    expect(h.sent().filter((m) => m.type === 'echo.stop')).toHaveLength(1);
  });

  it('stop() after the verdict keeps it', async () => {
    const h = await started({ video: false });
    h.peer().counters(null, 0);
    h.peer().link('connected');
    await settle();
    h.peer().counters(null, 3_000);
    await h.advance(SAMPLE_GAP_MS);
    h.echo.stop();
    expect(h.echo.state).toMatchObject({ phase: 'done', verdict: 'audio', running: false, remote: null });
  });

  it('trying again ends the first test before the second offer', async () => {
    const h = await started();
    const first = h.peer();
    h.echo.start({ stream: localStream(), video: true, iceServers: ICE, maxSdpBytes: 8000 });
    await settle();
    expect(first.closed).toBe(true);
    expect(h.peers).toHaveLength(2);
    expect(h.sent().map((m) => m.type)).toEqual(['echo.offer', 'echo.stop', 'echo.offer']);
    first.gather('candidate:9 1 udp 1 10.0.0.9 9 typ host'); // the old connection is not heard
    expect(h.sent()).toHaveLength(3);
  });
});
