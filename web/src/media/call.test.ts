// A call driven by hand: the real socket client on a fake WebSocket, fake peer connections,
// camera, microphone, screen, clock and timers. What goes over the socket and in which order,
// what each person is shown, the controls (no new offer for any of them), and every way a
// call is cut off and comes back.
import { describe, expect, it } from 'vitest';
import { KelisimSocket } from '../api/socket';
import type { MediaSettings } from '../api/types';
import {
  fakeClock,
  fakeDevices,
  fakeScreen,
  FakeCallPeer,
  fakeStream,
  inboundStats,
  settle,
  tracksOf,
} from '../testing/media';
import { Call, REJOIN_FOR_MS, RECEIVE_TIMEOUT_MS, type CallState } from './call';
import type { CodecLike } from './codecs';
import { CONNECT_TIMEOUT_MS, SAMPLE_GAP_MS } from './verdict';
import { FakeSocket } from '../testing/harness';

const ROOM = 'room1';
const ME = 'citizen1';
const LAWYER = 'lawyer1';
const NOTARY = 'notary1';
const ICE: MediaSettings['ice_servers'] = [{ urls: ['turn:turn.kelisim.kz:3478?transport=udp'], username: 'u', credential: 'p' }];
const SETTINGS: MediaSettings = { calls: true, ice_servers: ICE, max_sdp_bytes: 7000 };
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
const VIDEO_OFFER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';
const AUDIO_OFFER = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const HOST = 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host';

function harness({ settings = SETTINGS, screen = true, askWho = true } = {}) {
  const sockets: FakeSocket[] = [];
  const socket = new KelisimSocket({
    url: 'ws://test/ws',
    open: () => {
      const fake = new FakeSocket();
      sockets.push(fake);
      return fake;
    },
    setTimer: () => 0,
    clearTimer: () => undefined,
  });
  socket.start();
  const ws = () => {
    const last = sockets[sockets.length - 1];
    if (!last) throw new Error('no socket');
    return last;
  };
  const open = () => {
    ws().readyState = 1;
    ws().onopen?.({});
  };
  open();
  const clock = fakeClock();
  const media = fakeDevices();
  const display = fakeScreen();
  const peers: FakeCallPeer[] = [];
  const states: CallState[] = [];
  const call = new Call(
    {
      signal: socket,
      peer: (config) => {
        const peer = new FakeCallPeer(config);
        peers.push(peer);
        return peer;
      },
      codecs: (kind) => CAPABILITIES[kind] ?? null,
      devices: media.devices,
      screen: screen ? display.screen : null,
      newStream: fakeStream,
      settings: () => Promise.resolve(settings),
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    },
    { roomId: ROOM, selfId: ME, askWho },
    (state) => states.push(state),
  );
  const peer = (index = -1) => {
    const found = peers.at(index);
    if (!found) throw new Error('no peer connection');
    return found;
  };
  /** Call messages sent since the last socket opened (but the question who is in the call:
   * `asked` counts those). */
  const sent = () => ws().sent.filter((m) => String(m.type).startsWith('call.') && m.type !== 'call.who');
  const asked = () => ws().sent.filter((m) => m.type === 'call.who').length;
  const push = (event: Record<string, unknown>) => {
    ws().push({ room_id: ROOM, ...event });
  };
  return { socket, ws, open, clock, media, display, peers, peer, states, call, sent, asked, push };
}

type Harness = ReturnType<typeof harness>;

/** Starts a call and has the server answer it; `others` publish already. */
async function inCall(options: { mode?: 'video' | 'audio'; others?: string[] } = {}, h: Harness = harness()) {
  await h.call.start(options.mode ?? 'video');
  await settle();
  h.push({ type: 'call.joined', sdp: 'v=0 answer', publishers: options.others ?? [] });
  await settle();
  h.push({ type: 'media.event', scope: 'call', feed: '', event: 'connected' });
  return h;
}

/** The server offers someone's media to the latest call.receive; returns that receiving connection. */
async function offered(h: Harness, feed: string, sdp = VIDEO_OFFER) {
  const before = h.peers.length;
  h.push({ type: 'call.offer', feed, sdp });
  await settle();
  const peer = h.peers[before];
  if (!peer) throw new Error(`nothing received from ${feed}`);
  return peer;
}

describe('Call', () => {
  it('joins: the offer of a sendonly publication, voice then picture, VP8 and Opus only', async () => {
    const h = harness();
    const start = h.call.start('video');
    expect(h.call.state.phase).toBe('starting');
    await start;
    await settle();
    expect(h.media.asked[0]?.video).toBeTruthy();
    expect(h.peer().config).toEqual({ iceServers: ICE, bundlePolicy: 'max-bundle' });
    expect(h.peer().transceivers.map((t) => [t.kind, t.init.direction])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'sendonly'],
    ]);
    expect(h.peer().transceivers[0]?.codecs?.map((c) => c.mimeType)).toEqual(['audio/opus']);
    expect(h.peer().transceivers[1]?.codecs?.map((c) => c.mimeType)).toEqual(['video/VP8', 'video/rtx']);
    expect(h.sent()).toEqual([{ type: 'call.join', room_id: ROOM, sdp: h.peer().offerSdp }]);
    expect(h.call.state).toMatchObject({ phase: 'joining', mode: 'video', muted: false, cameraOff: false });
    expect(tracksOf(h.call.state.preview).map((t) => t.kind)).toEqual(['video']);
  });

  it('watches without sending: no device asked for, call.watch, then receives each publisher', async () => {
    const h = harness();
    await h.call.watch();
    await settle();
    expect(h.media.asked).toEqual([]);
    expect(h.peers).toEqual([]);
    expect(h.sent()).toEqual([{ type: 'call.watch', room_id: ROOM }]);
    h.push({ type: 'call.watching', publishers: [LAWYER, ME] });
    await settle();
    expect(h.call.state.phase).toBe('connected');
    expect(h.sent().slice(1)).toEqual([{ type: 'call.receive', room_id: ROOM, feed: LAWYER }]);
    const lawyer = await offered(h, LAWYER);
    expect(lawyer.remote?.type).toBe('offer');
    h.call.hangUp();
    expect(h.sent().at(-1)).toEqual({ type: 'call.leave', room_id: ROOM });
    expect(h.call.state.phase).toBe('idle');
  });

  it('trickles its candidates after the join, then one `completed`', async () => {
    const h = harness();
    const start = h.call.start('video');
    await start;
    h.peer().gather(HOST); // may come before the join is out: it waits
    await settle();
    h.peer().gather('');
    h.peer().gather(null);
    h.peer().gather(null);
    expect(h.sent()).toEqual([
      { type: 'call.join', room_id: ROOM, sdp: h.peer().offerSdp },
      { type: 'call.candidate', room_id: ROOM, candidate: { candidate: HOST, sdpMid: '0', sdpMLineIndex: 0 } },
      { type: 'call.candidate', room_id: ROOM, completed: true },
    ]);
  });

  it('by voice only: no camera asked for, no picture offered', async () => {
    const h = await inCall({ mode: 'audio' });
    expect(h.media.asked[0]?.video).toBe(false);
    expect(h.peer(0).transceivers.map((t) => t.kind)).toEqual(['audio']);
    expect(h.call.state).toMatchObject({ phase: 'connected', mode: 'audio', preview: null });
  });

  it('receives each publisher: answers the server’s offer, trickles for that feed, shows their media', async () => {
    const h = await inCall({ others: [LAWYER, ME] });
    const publication = h.peer(0);
    expect(publication.remote).toEqual({ type: 'answer', sdp: 'v=0 answer' });
    expect(h.call.state.phase).toBe('connected');
    expect(h.sent().slice(1)).toEqual([{ type: 'call.receive', room_id: ROOM, feed: LAWYER }]);
    expect(h.call.state.remotes).toMatchObject([{ userId: LAWYER, connected: false, stream: null }]);

    const receiving = await offered(h, LAWYER);
    expect(receiving.remote).toEqual({ type: 'offer', sdp: VIDEO_OFFER });
    receiving.gather(HOST);
    receiving.gather(null);
    expect(h.sent().slice(2)).toEqual([
      { type: 'call.answer', room_id: ROOM, feed: LAWYER, sdp: receiving.answerSdp },
      { type: 'call.candidate', room_id: ROOM, feed: LAWYER, candidate: { candidate: HOST, sdpMid: '0', sdpMLineIndex: 0 } },
      { type: 'call.candidate', room_id: ROOM, feed: LAWYER, completed: true },
    ]);
    const audio = receiving.track('audio');
    const video = receiving.track('video');
    expect(tracksOf(h.call.state.remotes[0]?.stream)).toEqual([audio, video]);
    h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
    expect(h.call.state.remotes[0]).toMatchObject({ userId: LAWYER, connected: true, mode: null });
  });

  it('says a person who offers no picture talks by voice only', async () => {
    const h = await inCall({ others: [LAWYER] });
    await offered(h, LAWYER, AUDIO_OFFER);
    expect(h.call.state.remotes[0]?.mode).toBe('audio');
  });

  it('tells of a call going on while not in it, and forgets those who left', () => {
    const h = harness();
    h.push({ type: 'call.member', user_id: LAWYER, event: 'joined' });
    h.push({ type: 'call.member', user_id: NOTARY, event: 'joined' });
    h.ws().push({ type: 'call.member', room_id: 'other', user_id: 'x', event: 'joined' });
    expect(h.call.state.ongoing).toEqual([LAWYER, NOTARY]);
    h.push({ type: 'call.member', user_id: LAWYER, event: 'left' });
    expect(h.call.state.ongoing).toEqual([NOTARY]);
    expect(h.sent()).toEqual([]);
  });

  it('asks who is in the call only where told to', () => {
    const h = harness({ askWho: false });
    expect(h.asked()).toBe(0);
  });

  it('asks who is in the call whenever its socket opens outside a call, and shows them', async () => {
    const h = harness();
    expect(h.ws().sent).toContainEqual({ type: 'call.who', room_id: ROOM });
    h.push({ type: 'call.people', people: [LAWYER, ME] });
    h.ws().push({ type: 'call.people', room_id: 'other', people: ['x'] });
    expect(h.call.state.ongoing).toEqual([LAWYER]);
    // Cut off and back: what was missed is asked again.
    h.ws().onclose?.({});
    expect(h.call.state.ongoing).toEqual([]);
    h.socket.retryNow();
    h.open();
    expect(h.asked()).toBe(1);
    h.push({ type: 'call.people', people: [NOTARY] });
    expect(h.call.state.ongoing).toEqual([NOTARY]);
    // In a call, call.joined and call.member tell instead.
    await inCall({ others: [NOTARY] }, h);
    h.push({ type: 'call.people', people: [] });
    expect(h.call.state.ongoing).toEqual([NOTARY]);
  });

  it('in the call, receives whoever joins and lets go of whoever leaves', async () => {
    const h = await inCall();
    h.push({ type: 'call.member', user_id: LAWYER, event: 'joined' });
    expect(h.sent().at(-1)).toEqual({ type: 'call.receive', room_id: ROOM, feed: LAWYER });
    const receiving = await offered(h, LAWYER);
    h.push({ type: 'call.member', user_id: LAWYER, event: 'left' });
    expect(receiving.closed).toBe(true);
    expect(h.call.state.remotes).toEqual([]);
    // Joining again (their page rejoined): received afresh.
    h.push({ type: 'call.member', user_id: LAWYER, event: 'joined' });
    expect(h.sent().filter((m) => m.type === 'call.receive')).toHaveLength(2);
  });

  it('mutes by disabling the microphone, and turns the camera off and on by swapping the track', async () => {
    const h = await inCall();
    const [mic, camera] = h.media.tracks;
    const video = h.peer(0).transceivers[1]?.sender;
    h.call.setMuted(true);
    expect(mic?.enabled).toBe(false);
    expect(h.call.state.muted).toBe(true);
    h.call.setMuted(false);
    expect(mic?.enabled).toBe(true);

    await h.call.setCameraOff(true);
    expect(camera?.stopped).toBe(true); // its light goes out
    expect(video?.replaced).toEqual([null]);
    expect(h.call.state).toMatchObject({ cameraOff: true, preview: null });
    await h.call.setCameraOff(false);
    const again = h.media.tracks.at(-1);
    expect(again?.kind).toBe('video');
    expect(video?.replaced.at(-1)).toBe(again);
    expect(h.call.state.cameraOff).toBe(false);
    expect(tracksOf(h.call.state.preview)).toEqual([again]);
    expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(1); // no new offer
  });

  it('switches camera and microphone on the senders, without a new offer', async () => {
    const h = await inCall();
    const [mic, camera] = h.media.tracks;
    const [voice, picture] = h.peer(0).transceivers.map((t) => t.sender);
    h.call.setMuted(true);
    await h.call.chooseCamera('cam2');
    expect(camera?.stopped).toBe(true);
    expect(picture?.replaced.at(-1)).toMatchObject({ kind: 'video', deviceId: 'cam2' });
    await h.call.chooseMic('mic2');
    expect(mic?.stopped).toBe(true);
    expect(voice?.replaced.at(-1)).toMatchObject({ kind: 'audio', deviceId: 'mic2', enabled: false }); // still muted
    expect(h.call.state).toMatchObject({ cameraId: 'cam2', micId: 'mic2', muted: true });
    expect(h.call.state.cameras.map((c) => c.id)).toEqual(['cam1', 'cam2']);
    expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(1);
  });

  it('shares the screen in place of the camera, and goes back to it when the browser stops the sharing', async () => {
    const h = await inCall();
    const camera = h.media.tracks[1];
    const picture = h.peer(0).transceivers[1]?.sender;
    expect(h.call.canShare).toBe(true);
    await h.call.shareScreen();
    const screen = h.display.shared[0];
    expect(screen?.contentHint).toBe('detail');
    expect(picture?.replaced).toEqual([screen]);
    expect(h.call.state.sharing).toBe(true);
    expect(tracksOf(h.call.state.preview)).toEqual([screen]);
    screen?.end(); // the browser's own "Stop sharing"
    await settle();
    expect(picture?.replaced).toEqual([screen, camera]);
    expect(h.call.state).toMatchObject({ sharing: false, notice: null });
    expect(tracksOf(h.call.state.preview)).toEqual([camera]);
    // Cancelling the browser's picker is no failure; a real one is said.
    h.display.refusals.push('NotAllowedError', 'NotReadableError');
    await h.call.shareScreen();
    expect(h.call.state.notice).toBeNull();
    await h.call.shareScreen();
    expect(h.call.state.notice).toBe('share');
    expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(1);
  });

  it('hangs up: tells the server, closes every connection, stops every track; the others’ call goes on', async () => {
    const h = await inCall({ others: [LAWYER] });
    const receiving = await offered(h, LAWYER);
    await h.call.shareScreen();
    h.call.hangUp();
    expect(h.sent().at(-1)).toEqual({ type: 'call.leave', room_id: ROOM });
    expect(h.peers.every((p) => p.closed)).toBe(true);
    expect(receiving.closed).toBe(true);
    expect([...h.media.tracks, ...h.display.shared].every((t) => t.stopped)).toBe(true);
    expect(h.call.state).toMatchObject({ phase: 'idle', remotes: [], ongoing: [LAWYER], preview: null, problem: null });
    h.call.hangUp();
    expect(h.sent().filter((m) => m.type === 'call.leave')).toHaveLength(1);
  });

  it('ends a first join the server refuses with its words, and ignores other rooms’ errors', async () => {
    const h = harness();
    await h.call.start('video');
    await settle();
    h.ws().push({ type: 'error', scope: 'call', room_id: 'other', code: 'busy', message: 'x' });
    expect(h.call.state.phase).toBe('joining');
    const message = 'Сервер звонков сейчас недоступен. Чат работает.';
    h.push({ type: 'error', scope: 'call', code: 'media_unavailable', message });
    expect(h.call.state).toMatchObject({ phase: 'idle', problem: 'server', message });
    expect(h.media.tracks.every((t) => t.stopped)).toBe(true);
    expect(h.peer().closed).toBe(true);
  });

  it('says why it could not start: devices refused, calls off, an offer too large, no socket', async () => {
    const denied = harness();
    denied.media.refusals.push('NotAllowedError');
    await denied.call.start('video');
    expect(denied.call.state).toMatchObject({ phase: 'idle', problem: 'denied' });
    expect(denied.sent()).toEqual([]);

    const off = harness({ settings: { ...SETTINGS, calls: false } });
    await off.call.start('audio');
    expect(off.call.state.problem).toBe('off');
    expect(off.media.asked).toEqual([]);

    const large = harness({ settings: { ...SETTINGS, max_sdp_bytes: 10 } });
    await large.call.start('video');
    await settle();
    expect(large.call.state.problem).toBe('sdp_too_large');
    expect(large.sent()).toEqual([]);
    expect(large.media.tracks.every((t) => t.stopped)).toBe(true);

    const offline = harness();
    offline.ws().onclose?.({});
    await offline.call.start('video');
    expect(offline.call.state.problem).toBe('socket');
  });

  it('gives up a first join not connected in time, calmly', async () => {
    const h = harness();
    await h.call.start('video');
    await settle();
    h.push({ type: 'call.joined', sdp: 'v=0 answer', publishers: [] });
    await h.clock.advance(CONNECT_TIMEOUT_MS);
    expect(h.call.state).toMatchObject({ phase: 'idle', problem: 'timeout' });
    expect(h.sent().at(-1)).toEqual({ type: 'call.leave', room_id: ROOM });
  });

  it('after a call that could not connect at all, still lets one ask for a call-back, once', async () => {
    const h = harness();
    h.call.requestCallback(); // nothing failed: nothing to offer
    await h.call.start('video');
    await settle();
    h.push({ type: 'call.joined', sdp: 'v=0 answer', publishers: [] });
    await h.clock.advance(CONNECT_TIMEOUT_MS);
    expect(h.call.state).toMatchObject({ phase: 'idle', problem: 'timeout', callbackSent: false });
    h.call.requestCallback();
    h.call.requestCallback();
    expect(h.sent().filter((m) => m.type === 'call.report')).toEqual([{ type: 'call.report', room_id: ROOM, kind: 'callback' }]);
    expect(h.call.state.callbackSent).toBe(true);
  });

  it('rejoins by itself when the media engine restarts, and receives the others again', async () => {
    const h = await inCall({ others: [LAWYER] });
    await offered(h, LAWYER);
    h.push({ type: 'media.event', scope: 'call', feed: '', event: 'gone' });
    h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'gone' });
    expect(h.call.state).toMatchObject({ phase: 'reconnecting', remotes: [] });
    expect(h.peers.every((p) => p.closed)).toBe(true);
    expect(h.media.tracks.some((t) => t.stopped)).toBe(false); // the devices stay on
    // The engine is not back yet: the rejoin is refused, and tried again later.
    await h.clock.advance(1_000);
    expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(2);
    h.push({ type: 'error', scope: 'call', code: 'media_unavailable', message: '…' });
    expect(h.call.state.phase).toBe('reconnecting');
    await h.clock.advance(2_000);
    expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(3);
    const publication = h.peer();
    expect(publication.transceivers[0]?.track).toBe(h.media.tracks[0]);
    h.push({ type: 'call.joined', sdp: 'v=0 answer 2', publishers: [LAWYER] });
    h.push({ type: 'media.event', scope: 'call', feed: '', event: 'connected' });
    expect(h.call.state.phase).toBe('connected');
    expect(h.sent().at(-1)).toEqual({ type: 'call.receive', room_id: ROOM, feed: LAWYER });
  });

  it('rejoins on a new socket after losing the old one (the server ended the call with it)', async () => {
    const h = await inCall();
    h.ws().onclose?.({});
    expect(h.call.state.phase).toBe('reconnecting');
    await h.clock.advance(1_000);
    h.socket.retryNow();
    h.open();
    await settle();
    expect(h.sent()).toEqual([{ type: 'call.join', room_id: ROOM, sdp: h.peer().offerSdp }]);
  });

  it('gives up a call that cannot be restored, and says so', async () => {
    const h = await inCall();
    h.push({ type: 'media.event', scope: 'call', feed: '', event: 'gone' });
    for (let waited = 0; waited < REJOIN_FOR_MS; waited += 1_000) {
      await h.clock.advance(1_000);
      if (h.call.state.phase !== 'reconnecting') break;
      h.push({ type: 'error', scope: 'call', code: 'media_unavailable', message: '…' });
    }
    expect(h.call.state).toMatchObject({ phase: 'idle', problem: 'lost' });
    expect(h.media.tracks.every((t) => t.stopped)).toBe(true);
  });

  it('asks again for someone whose offer does not come, or whose link hangs up', async () => {
    const h = await inCall({ others: [LAWYER] });
    const asks = () => h.sent().filter((m) => m.type === 'call.receive').length;
    await h.clock.advance(RECEIVE_TIMEOUT_MS);
    await h.clock.advance(1_000);
    expect(asks()).toBe(2);
    const receiving = await offered(h, LAWYER);
    h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
    h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'hangup' });
    expect(receiving.closed).toBe(true);
    expect(h.call.state.remotes[0]).toMatchObject({ userId: LAWYER, connected: false });
    // The closed link's own late hang-up changes nothing.
    h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'hangup' });
    await h.clock.advance(1_000);
    expect(asks()).toBe(3);
  });

  it('measures every link every 2 s: quality in words, and who has the camera off', async () => {
    const h = await inCall({ others: [LAWYER] });
    const receiving = await offered(h, LAWYER);
    receiving.link('connected');
    const publication = h.peer(0);
    publication.stats = [
      { type: 'outbound-rtp', kind: 'video', packetsSent: 1000 },
      { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 0 },
    ];
    receiving.stats = inboundStats([0, 0, 0], [0, 0]);
    await h.clock.advance(SAMPLE_GAP_MS);
    expect(h.call.state.uplink).toBeNull(); // one reading is no window
    publication.stats = [
      { type: 'outbound-rtp', kind: 'video', packetsSent: 1200 },
      { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 30 },
    ];
    receiving.stats = inboundStats([100_000, 48, 100], [8_000, 100]);
    await h.clock.advance(SAMPLE_GAP_MS);
    expect(h.call.state.uplink).toBe('bad'); // 15 % lost
    expect(h.call.state.remotes[0]).toMatchObject({ quality: 'good', mode: 'video' });
    // One's own publication recovers (else it would fall back to voice and ask for no picture).
    const sending = (n: number) => [
      { type: 'outbound-rtp', kind: 'video', packetsSent: 1200 + 200 * n, bytesSent: 100_000 * n },
      { type: 'outbound-rtp', kind: 'audio', packetsSent: 100 * n, bytesSent: 8_000 * n },
      { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 30 },
    ];
    // The picture stops while the voice goes on: after two windows, the camera is off.
    publication.stats = sending(1);
    receiving.stats = inboundStats([100_000, 48, 100], [16_000, 200]);
    await h.clock.advance(SAMPLE_GAP_MS);
    expect(h.call.state.remotes[0]?.mode).toBe('video');
    publication.stats = sending(2);
    receiving.stats = inboundStats([100_000, 48, 100], [24_000, 300], 0.5);
    await h.clock.advance(SAMPLE_GAP_MS);
    expect(h.call.state.link?.mode).toBe('video');
    expect(h.call.state.remotes[0]).toMatchObject({ mode: 'cameraOff', quality: 'weak' });
    // Nothing arrives at all: bad.
    await h.clock.advance(SAMPLE_GAP_MS);
    expect(h.call.state.remotes[0]?.quality).toBe('bad');
  });

  it('ends when the server says one was removed (the room closed, or one left it)', async () => {
    const h = await inCall({ others: [LAWYER] });
    await offered(h, LAWYER);
    h.push({ type: 'call.member', user_id: ME, event: 'removed' });
    expect(h.call.state).toMatchObject({ phase: 'idle', problem: 'removed', remotes: [] });
    expect(h.peers.every((p) => p.closed)).toBe(true);
    expect(h.media.tracks.every((t) => t.stopped)).toBe(true);
  });

  it('leaves when disposed and stops listening', async () => {
    const h = await inCall();
    h.call.dispose();
    expect(h.sent().at(-1)).toEqual({ type: 'call.leave', room_id: ROOM });
    const changes = h.states.length;
    h.push({ type: 'call.member', user_id: LAWYER, event: 'joined' });
    expect(h.states).toHaveLength(changes);
  });

  describe('fallback', () => {
    /** What the publication sends each window, its counters growing as they would. */
    function uplink(h: Harness) {
      const total = { audioBytes: 0, audioPackets: 0, audioLost: 0, videoBytes: 0, videoPackets: 0, frames: 0 };
      return (estimateKbps: number, { audio = true, video = true, audioLost = 0 } = {}) => {
        if (audio) {
          total.audioBytes += 8_000;
          total.audioPackets += 100;
          total.audioLost += audioLost;
        }
        if (video) {
          total.videoBytes += 100_000;
          total.videoPackets += 100;
          total.frames += 60;
        }
        h.peer(0).stats = [
          { type: 'outbound-rtp', kind: 'audio', bytesSent: total.audioBytes, packetsSent: total.audioPackets },
          {
            type: 'outbound-rtp',
            kind: 'video',
            bytesSent: total.videoBytes,
            packetsSent: total.videoPackets,
            framesEncoded: total.frames,
            framesPerSecond: video ? 30 : 0,
          },
          { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: total.audioLost, jitter: 0.01 },
          { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 0, jitter: 0.01 },
          {
            type: 'candidate-pair',
            nominated: true,
            state: 'succeeded',
            currentRoundTripTime: 0.05,
            availableOutgoingBitrate: estimateKbps * 1000,
          },
        ];
      };
    }

    /** Windows of `send` until the own mode is `mode` (at most `max`). */
    async function until(h: Harness, mode: string, send: () => void, max = 60) {
      for (let i = 0; i < max && h.call.state.link?.mode !== mode; i += 1) {
        send();
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(h.call.state.link?.mode).toBe(mode);
    }

    const reports = (h: Harness) => h.sent().filter((m) => m.type === 'call.report');

    it('steps down to voice, then chat, offering a call-back; keeps sampling and comes back', async () => {
      const h = await inCall();
      const [mic, camera] = h.media.tracks;
      const [voice, picture] = h.peer(0).transceivers.map((t) => t.sender);
      const send = uplink(h);
      expect(h.call.state.link).toEqual({ mode: 'video', reason: 'chosen', offerCallback: false });

      await until(h, 'audio', () => {
        send(100);
      });
      expect(picture?.replaced.at(-1)).toBeNull(); // no picture sent; the camera stays open
      expect(camera?.stopped).toBe(false);
      expect(reports(h)).toEqual([{ type: 'call.report', room_id: ROOM, kind: 'mode', detail: 'audio:low_bandwidth' }]);

      // Without the picture the estimate is stale: the voice's losses take it to chat.
      await until(h, 'chat', () => {
        send(10, { video: false, audioLost: 30 });
      });
      expect(voice?.replaced.at(-1)).toBeNull();
      expect(h.call.state.phase).toBe('connected'); // the connection stays
      expect(h.call.state.link).toEqual({ mode: 'chat', reason: 'packet_loss', offerCallback: true });
      h.call.requestCallback();
      h.call.requestCallback(); // once
      expect(h.call.state.callbackSent).toBe(true);
      expect(reports(h).slice(1)).toEqual([
        { type: 'call.report', room_id: ROOM, kind: 'mode', detail: 'chat:packet_loss' },
        { type: 'call.report', room_id: ROOM, kind: 'callback' },
      ]);

      await until(h, 'audio', () => {
        send(1_000, { audio: false, video: false });
      });
      expect(voice?.replaced.at(-1)).toBe(mic);
      await until(h, 'video', () => {
        send(1_000, { video: false });
      });
      expect(picture?.replaced.at(-1)).toBe(camera);
      expect(reports(h).slice(3).map((m) => m.detail)).toEqual(['audio:recovered', 'video:recovered']);
      expect(h.sent().filter((m) => m.type === 'call.join')).toHaveLength(1); // no new offer
    });

    it('steps down after one bad window when the server reported a slowlink', async () => {
      const h = await inCall();
      const send = uplink(h);
      for (let i = 0; i < 3; i += 1) {
        send(1_000);
        await h.clock.advance(SAMPLE_GAP_MS); // settled, and good
      }
      expect(h.call.state.link?.mode).toBe('video');
      h.push({ type: 'media.event', scope: 'call', feed: '', event: 'slowlink' });
      send(100);
      await h.clock.advance(SAMPLE_GAP_MS);
      expect(h.call.state.link).toMatchObject({ mode: 'audio', reason: 'low_bandwidth' });
    });

    it('takes a camera turned off as voice only, chosen, and back on as video at once', async () => {
      const h = await inCall();
      await h.call.setCameraOff(true);
      expect(h.call.state.link).toMatchObject({ mode: 'audio', reason: 'chosen' });
      await h.call.setCameraOff(false);
      expect(h.call.state.link).toMatchObject({ mode: 'video', reason: 'chosen' });
      expect(reports(h).map((m) => m.detail)).toEqual(['audio:chosen', 'video:chosen']);
      const picture = h.peer(0).transceivers[1]?.sender;
      expect(picture?.replaced.at(-1)).toBe(h.media.tracks.at(-1));
    });

    it('reports once that the publication goes through a TURN relay', async () => {
      const h = await inCall();
      h.peer(0).stats = [
        { type: 'transport', selectedCandidatePairId: 'p1' },
        { type: 'candidate-pair', id: 'p1', localCandidateId: 'c1', state: 'succeeded' },
        { type: 'local-candidate', id: 'c1', candidateType: 'relay' },
      ];
      await h.clock.advance(SAMPLE_GAP_MS * 3);
      expect(reports(h)).toEqual([{ type: 'call.report', room_id: ROOM, kind: 'relayed' }]);
    });

    it('shows each other person’s mode and why, as the server relays it', async () => {
      const h = await inCall({ others: [LAWYER] });
      await offered(h, LAWYER);
      h.push({ type: 'call.mode', user_id: LAWYER, mode: 'audio', reason: 'packet_loss' });
      h.push({ type: 'call.mode', user_id: NOTARY, mode: 'bogus', reason: 'chosen' });
      expect(h.call.state.remotes[0]?.fallback).toEqual({ mode: 'audio', reason: 'packet_loss' });
    });
  });

  describe('simulcast layers and the receiving half', () => {
    /** What a receiving link gets each window: `kbps` of picture and voice, `loss` of the
     * picture's and voice's packets lost on the way. */
    function downlink(peer: FakeCallPeer) {
      const total = { videoBytes: 0, videoPackets: 0, videoLost: 0, frames: 0, audioBytes: 0, audioPackets: 0, audioLost: 0 };
      return (kbps: number, loss = 0) => {
        total.videoBytes += kbps * 250 - 8_000;
        total.videoPackets += Math.round(200 * (1 - loss));
        total.videoLost += Math.round(200 * loss);
        total.frames += 48;
        total.audioBytes += 8_000;
        total.audioPackets += Math.round(100 * (1 - loss));
        total.audioLost += Math.round(100 * loss);
        peer.stats = [
          {
            type: 'inbound-rtp',
            kind: 'video',
            bytesReceived: total.videoBytes,
            packetsReceived: total.videoPackets,
            packetsLost: total.videoLost,
            framesDecoded: total.frames,
            framesReceived: total.frames,
            framesDropped: 0,
            framesPerSecond: 24,
            jitter: 0.01,
          },
          {
            type: 'inbound-rtp',
            kind: 'audio',
            bytesReceived: total.audioBytes,
            packetsReceived: total.audioPackets,
            packetsLost: total.audioLost,
            jitter: 0.01,
          },
          { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.05 },
        ];
      };
    }

    /** One's own publication sends well all along (`rtt`: the same access link's round trip;
     * past half a second the window holds but is not clean). */
    function healthyUplink(h: Harness) {
      let n = 0;
      return (rtt = 0.05) => {
        n += 1;
        h.peer(0).stats = [
          { type: 'outbound-rtp', kind: 'audio', bytesSent: 8_000 * n, packetsSent: 100 * n },
          { type: 'outbound-rtp', kind: 'video', bytesSent: 200_000 * n, packetsSent: 200 * n, framesEncoded: 48 * n, framesPerSecond: 24 },
          { type: 'remote-inbound-rtp', kind: 'audio', packetsLost: 0, jitter: 0.01 },
          { type: 'remote-inbound-rtp', kind: 'video', packetsLost: 0, jitter: 0.01 },
          { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt, availableOutgoingBitrate: 3e6 },
        ];
      };
    }

    const layers = (h: Harness) => h.sent().filter((m) => m.type === 'call.layer').map((m) => m.layer);

    it('sends the picture in three layers, 720p, 360p and 180p', async () => {
      const h = await inCall();
      const init = h.peer(0).transceivers[1]?.init;
      expect(init?.sendEncodings?.map((e) => [e.rid, e.scaleResolutionDownBy])).toEqual([
        ['h', 1],
        ['m', 2],
        ['l', 4],
      ]);
      expect(init?.sendEncodings?.every((e) => (e.maxBitrate ?? 0) > 0)).toBe(true);
    });

    it('asks for the layer the tile and the link carry, smaller on a congested link, bigger again later', async () => {
      const h = await inCall({ others: [LAWYER] });
      const receiving = await offered(h, LAWYER);
      receiving.link('connected');
      h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
      const up = healthyUplink(h);
      const down = downlink(receiving);
      h.call.setTileSize(LAWYER, 1280, 720);
      for (let i = 0; i < 3; i += 1) {
        up();
        down(1_500);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(layers(h)).toEqual([]); // the top layer, as the server starts
      expect(h.call.state.remotes[0]).toMatchObject({ layer: 'high', saving: false });
      // 250 kbit/s get through, with losses: the smallest layer.
      for (let i = 0; i < 2; i += 1) {
        up();
        down(250, 0.2);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(layers(h)).toEqual(['low']);
      expect(h.call.state.remotes[0]).toMatchObject({ layer: 'low', saving: true });
      expect(h.call.state.link?.mode).toBe('video'); // the receiving half is patient
      // Clean again: the layers come back one at a time.
      for (let i = 0; i < 20 && layers(h).at(-1) !== 'high'; i += 1) {
        up();
        down(250);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(layers(h)).toEqual(['low', 'medium', 'high']);
      // A small tile needs no more than the smallest layer.
      h.call.setTileSize(LAWYER, 300, 170);
      up();
      down(1_500);
      await h.clock.advance(SAMPLE_GAP_MS);
      expect(layers(h).at(-1)).toBe('low');
      expect(h.call.state.remotes[0]?.saving).toBe(false);
    });

    it('falls back to voice when what it receives keeps failing on a link slow both ways, asks for no picture, and comes back', async () => {
      const h = await inCall({ others: [LAWYER] });
      const receiving = await offered(h, LAWYER);
      receiving.link('connected');
      h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
      const up = healthyUplink(h);
      const down = downlink(receiving);
      h.call.setTileSize(LAWYER, 320, 180);
      for (let i = 0; i < 3; i += 1) {
        up();
        down(300);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      for (let i = 0; i < 8 && h.call.state.link?.mode === 'video'; i += 1) {
        up(0.6);
        down(300, 0.3);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(h.call.state.link).toMatchObject({ mode: 'audio', reason: 'packet_loss' });
      expect(layers(h).at(-1)).toBe('none');
      expect(h.sent().filter((m) => m.type === 'call.report').at(-1)).toMatchObject({ detail: 'audio:packet_loss' });
      expect(h.call.state.remotes[0]?.mode).toBe('video'); // no picture asked for is no camera off
      // The voice gets through cleanly again: the picture comes back.
      for (let i = 0; i < 40 && h.call.state.link?.mode !== 'video'; i += 1) {
        up();
        down(40);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(h.call.state.link).toMatchObject({ mode: 'video', reason: 'recovered' });
      expect(layers(h).at(-1)).toBe('low');
    });

    it('takes losses on what arrives for the sender’s while its own sending is clean', async () => {
      const h = await inCall({ others: [LAWYER] });
      const receiving = await offered(h, LAWYER);
      receiving.link('connected');
      h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
      const up = healthyUplink(h);
      const down = downlink(receiving);
      for (let i = 0; i < 12; i += 1) {
        up();
        down(300, 0.3);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(h.call.state.link?.mode).toBe('video');
      expect(layers(h).at(-1)).toBe('low'); // the layer still follows what arrives
    });

    it('does not blame its own link for a sender who fell back and said so', async () => {
      const h = await inCall({ others: [LAWYER] });
      const receiving = await offered(h, LAWYER);
      receiving.link('connected');
      h.push({ type: 'media.event', scope: 'call', feed: LAWYER, event: 'connected' });
      const up = healthyUplink(h);
      const down = downlink(receiving);
      for (let i = 0; i < 3; i += 1) {
        up();
        down(300, 0.3);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      h.push({ type: 'call.mode', user_id: LAWYER, mode: 'chat', reason: 'packet_loss' });
      for (let i = 0; i < 6; i += 1) {
        up(0.6);
        down(300, 0.3);
        await h.clock.advance(SAMPLE_GAP_MS);
      }
      expect(h.call.state.link?.mode).toBe('video');
    });
  });

  it('follows a separate session, and lets one start and end it', async () => {
    const h = await inCall({ others: [LAWYER, NOTARY] });
    h.call.startCaucus(NOTARY);
    h.call.endCaucus();
    expect(h.sent().slice(-2)).toEqual([
      { type: 'call.caucus.start', room_id: ROOM, with: NOTARY },
      { type: 'call.caucus.end', room_id: ROOM },
    ]);
    h.push({ type: 'call.caucus', state: 'started', host: LAWYER, party: NOTARY });
    expect(h.call.state.caucus).toEqual({ host: LAWYER, party: NOTARY });
    h.push({ type: 'call.caucus', state: 'ended', host: LAWYER, party: NOTARY });
    expect(h.call.state.caucus).toBeNull();
  });
});
