// A consultation's call from one person's side (issue 9; docs/reception-api.md "Media"):
// their publication — one sendonly peer connection with the microphone and, in a video call,
// the camera or a shared screen (outgoing.ts) — and one receiving peer connection per other
// person whose media reaches the server (call-link.ts). Signalling rides the tab's socket:
//   call.join → call.joined (the answer, and who publishes now: receive each), or, watching
//   only (a conference's audience), call.watch → call.watching (who publishes);
//   call.receive → call.offer → call.answer; call.candidate trickled per link; call.leave;
//   call.member: someone's media reached the server (receive them) or they left, or oneself
//   was `removed` (no longer a member, or the room closed: the call ends here too);
//   media.event: a link is connected, hung up, lossy, or the media engine restarted (`gone`).
//   call.who → call.people: who is in the call already, asked (CallRoom.askWho) whenever the
//   socket opens outside a call (a page opened after the call started, or back after a cut).
// Trouble is met calmly. Refusals of the first join end the call with the server's words.
// Once in the call, a lost socket, a failed or hung-up publication, or `gone` rejoins by
// itself (a new publication, everyone received again), after 1, 2, 4 … s for up to
// REJOIN_FOR_MS; a receiving link that fails is asked for again. The chat never depends on it.
// Not answered for sure: the server's error events name no request, so only a refusal while a
// join waits for its answer is taken as that join's; other refusals (a late candidate) are
// left to the time-outs of the link concerned.
// Every SAMPLE_GAP_MS each link's stats give its quality, and each other person's mode.
// One's own publication's samples (and its slowlinks) drive fallback.ts: at 'audio' no
// picture is sent, at 'chat' no voice either, the connection and the sampling kept so that
// it can come back; each change is reported (call.report kind mode), the others' come as
// call.mode. What arrives feeds a receiving fallback state too (downlink.ts): the person's mode
// is the lower of the two, and at 'audio' or 'chat' no picture is received either.
// The picture is sent in three simulcast layers (layers.ts); each receiving link asks for one
// (call.layer) from its own stats, its tile's size (setTileSize) and the server's slowlinks. At 'chat' a call-back by phone is offered (call.report kind callback). A
// publication through a TURN relay is reported once per call (kind relayed). call.caucus
// says who is in a separate session; a specialist starts or ends one (call.caucus.*).
// Owns its peer connections and local tracks. Single-threaded; the socket, peer connections,
// devices, clock and timers are injected.
import type { ConnectionState, EventOf } from '../api/socket';
import type { MediaSettings } from '../api/types';
import { CallLink } from './call-link';
import { preferCodecs, type CodecLike, type MediaKind } from './codecs';
import type { CallMode, MediaProblem } from './devices';
import type { EchoSignal } from './echo';
import { combined, ceilingOf as downlinkCeilingOf, downlinkCeiling, downlinkSample, initialDownlink, lower } from './downlink';
import { chooseLayer, initialFallback, judgeWindow, nextFallback, setCeiling, type FallbackState, type Mode, type Reason } from './fallback';
import { SEND_ENCODINGS, WIRE_LAYER, initialLayer, nextLayer, type LayerState, type WireLayer } from './layers';
import type { MediaDevicesLike } from './environment';
import { NOTHING_SENT, Outgoing, type OutgoingState } from './outgoing';
import { sdpHasVideo, utf8Length, type CallPeerLike } from './peer';
import type { Quality } from './quality';
import { CONNECT_TIMEOUT_MS, SAMPLE_GAP_MS, type MediaFlow } from './verdict';

export type CallSignal = EchoSignal;

export interface CallDeps {
  signal: CallSignal;
  peer: (config: RTCConfiguration) => CallPeerLike;
  codecs: (kind: MediaKind) => readonly CodecLike[] | null;
  devices: MediaDevicesLike;
  screen: (() => Promise<MediaStream>) | null;
  newStream: (tracks: MediaStreamTrack[]) => MediaStream;
  /** The media settings, asked for at each start (TURN credentials expire). */
  settings: () => Promise<MediaSettings>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

export interface CallRoom {
  roomId: string;
  selfId: string;
  /** Asks who is in the call whenever the socket opens outside it (call.who): a consultation's
   * page; a conference's stage tells its own. */
  askWho?: boolean;
}

/** starting: devices and settings; joining: the publication is being set up. */
export type CallPhase = 'idle' | 'starting' | 'joining' | 'connected' | 'reconnecting';

/** Why a call ended or did not start: a device problem, or one of these. */
export type CallProblem =
  | MediaProblem
  | 'off' // calls are off on the server
  | 'socket' // no live connection to the site
  | 'setup' // the browser could not make or take an offer
  | 'sdp_too_large'
  | 'timeout' // not connected within CONNECT_TIMEOUT_MS
  | 'broken' // the connection failed, or the server hung it up (not MediaProblem's 'failed')
  | 'server' // the server refused (its words in `message`, if any)
  | 'lost' // cut off, and not restored within REJOIN_FOR_MS
  | 'removed'; // no longer a member of the room, or it closed: the server ended one's media

/** What another person sends, as far as this side can tell. */
export type RemoteMode = 'video' | 'audio' | 'cameraOff';

export interface RemotePerson {
  userId: string;
  stream: MediaStream | null;
  /** null until known. */
  mode: RemoteMode | null;
  connected: boolean;
  quality: Quality | null;
  /** Their own link's mode and why, as the server relayed it (call.mode); null until told. */
  fallback: FallbackView | null;
  /** The simulcast layer asked for of their picture (none: no picture while one's own link
   * is in voice or chat); null until connected. */
  layer: WireLayer | null;
  /** The layer is smaller than the tile because the link is short of bandwidth. */
  saving: boolean;
}

/** A link's mode as shown: the mode and why. */
export interface FallbackView {
  mode: Mode;
  reason: Reason;
}

/** A separate session in the call: the specialist who started it and the one with them. */
export interface Caucus {
  host: string;
  party: string;
}

export interface CallState extends OutgoingState {
  phase: CallPhase;
  /** One's own publication's quality. */
  uplink: Quality | null;
  remotes: readonly RemotePerson[];
  /** Others known to be in the room's call (shown while one is not in it). */
  ongoing: readonly string[];
  problem: CallProblem | null;
  /** The server's words for its refusal, in the user's language. */
  message: string | null;
  /** One's own sending link's mode; null outside a call. */
  link: (FallbackView & { offerCallback: boolean }) | null;
  /** A call-back by phone was asked for in this call. */
  callbackSent: boolean;
  caucus: Caucus | null;
}

export const IDLE_CALL: CallState = {
  ...NOTHING_SENT,
  phase: 'idle',
  uplink: null,
  remotes: [],
  ongoing: [],
  problem: null,
  message: null,
  link: null,
  callbackSent: false,
  caucus: null,
};

/** The call could not connect at all: no media gets through from where the person is (no
 * route, or no relay: an expired TURN credential, a network that blocks calls). The page
 * then offers the chat and a call-back by phone. */
export function unreachable(problem: CallProblem | null): boolean {
  return problem === 'timeout' || problem === 'broken';
}

const MODES: readonly string[] = ['video', 'audio', 'chat'];
const REASONS: readonly string[] = ['chosen', 'low_bandwidth', 'packet_loss', 'no_media', 'recovered'];

/** Waits before each rejoin attempt, the last repeated. */
export const REJOIN_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000] as const;
/** A call cut off for this long is given up (the person may start it again). */
export const REJOIN_FOR_MS = 60_000;
/** An offer to receive someone not come by then is asked for again. */
export const RECEIVE_TIMEOUT_MS = 10_000;
/** Windows without a picture before a person with video is said to have the camera off. */
export const CAMERA_OFF_WINDOWS = 2;

type Scope = 'run' | 'call';

/** The best a publication may carry: a picture only when one is sent. */
function ceilingOf(state: OutgoingState): Mode {
  return state.mode === 'video' && (!state.cameraOff || state.sharing) ? 'video' : 'audio';
}

/** Receiving one other person: asked for, answering the server's offer, up, or waiting to ask again. */
interface Receiver {
  feed: string;
  phase: 'asking' | 'answering' | 'up' | 'waiting';
  link: CallLink | null;
  tracks: MediaStreamTrack[];
  /** The offer carries a picture; null before the offer. */
  video: boolean | null;
  tries: number;
  timer: unknown;
  stillWindows: number;
  person: RemotePerson;
  layer: LayerState;
  /** Which connection of theirs this is (a new one starts its counters afresh). */
  serial: number;
  /** What the server was last asked for (a subscription starts at the top layer). */
  sentLayer: WireLayer | null;
}

export class Call {
  private stateValue: CallState = IDLE_CALL;
  private readonly outgoing: Outgoing;
  /** Bumped when a call ends: callbacks of an earlier call do nothing. */
  private session = 0;
  /** Bumped with every publication (a rejoin makes a new one). */
  private run = 0;
  private publication: CallLink | null = null;
  private connectTimer: unknown = null;
  /** This run's call.join went out; its answer is awaited while `awaitingAnswer`. */
  private runJoined = false;
  private awaitingAnswer = false;
  /** The server was told of this call: it is told when it ends. */
  private joinSent = false;
  private readonly receivers = new Map<string, Receiver>();
  /** Who publishes in the room's call, as last heard. */
  private readonly live = new Set<string>();
  private settings: MediaSettings | null = null;
  private reconnectingSince: number | null = null;
  private giveUpTimer: unknown = null;
  private rejoinAttempt = 0;
  private waitingForSocket = false;
  private readonly timers = new Map<unknown, Scope>();
  private fallback: FallbackState | null = null;
  /** The receiving half (downlink.ts), and which links its last sample summed. */
  private downlink: FallbackState | null = null;
  private downlinkLinks = '';
  private linkSerial = 0;
  /** One's own sending half judged its last window clean: trouble seen only on what arrives
   * is the senders' (downlink.ts). */
  private uplinkClean = false;
  /** Tiles' rendered sizes in CSS pixels, by user id. */
  private readonly tiles = new Map<string, { width: number; height: number }>();
  private relayReported = false;
  /** Others' modes as the server relayed them, by user id. */
  private readonly remoteModes = new Map<string, FallbackView>();
  private readonly subscriptions: (() => void)[];
  /** In the call without publishing (watch()). */
  private watching = false;

  constructor(
    private readonly deps: CallDeps,
    private readonly room: CallRoom,
    private readonly onChange: (state: CallState) => void,
  ) {
    this.outgoing = new Outgoing(deps, (state) => {
      this.set(state);
      this.ceiling(state);
    });
    this.subscriptions = this.listen();
    this.askWho();
  }

  get state(): CallState {
    return this.stateValue;
  }

  get canShare(): boolean {
    return this.outgoing.canShare;
  }

  /** Starts the call, or joins the one going on, by video or by voice only. */
  start(mode: CallMode): Promise<void> {
    return this.begin(mode);
  }

  /** Joins the call without sending anything (a conference's audience): receives whoever
   * publishes (call.watch → call.watching), rejoining by itself like a publication. */
  watch(): Promise<void> {
    return this.begin(null);
  }

  private async begin(mode: CallMode | null): Promise<void> {
    if (this.stateValue.phase !== 'idle') return;
    const session = ++this.session;
    this.watching = mode === null;
    this.set({ phase: 'starting', mode: mode ?? 'audio', problem: null, message: null, notice: null });
    let settings: MediaSettings;
    try {
      settings = await this.deps.settings();
    } catch {
      if (session === this.session) this.end('server');
      return;
    }
    if (session !== this.session) return;
    if (!settings.calls) {
      this.end('off');
      return;
    }
    this.settings = settings;
    const problem = mode === null ? null : await this.outgoing.open(mode);
    if (session !== this.session) return;
    if (problem) {
      this.end(problem);
      return;
    }
    if (this.deps.signal.state !== 'open') {
      this.end('socket');
      return;
    }
    this.fallback = mode === null ? null : initialFallback(ceilingOf(this.outgoing.state));
    this.downlink = null;
    this.set({ phase: 'joining', link: this.linkView(), callbackSent: false });
    this.publish();
    this.after('call', SAMPLE_GAP_MS, () => void this.measure(session));
  }

  /** Leaves the call: the server is told, every connection closed, every track stopped. */
  hangUp(): void {
    this.end(null);
  }

  /** The page is going: leaves the call and stops listening. */
  dispose(): void {
    this.end(null);
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
  }

  setMuted(muted: boolean): void {
    if (this.inCall()) this.outgoing.setMuted(muted);
  }

  setCameraOff(off: boolean): Promise<void> {
    return this.inCall() ? this.outgoing.setCameraOff(off) : Promise.resolve();
  }

  chooseCamera(id: string): Promise<void> {
    return this.inCall() ? this.outgoing.chooseCamera(id) : Promise.resolve();
  }

  chooseMic(id: string): Promise<void> {
    return this.inCall() ? this.outgoing.chooseMic(id) : Promise.resolve();
  }

  shareScreen(): Promise<void> {
    return this.inCall() ? this.outgoing.share() : Promise.resolve();
  }

  stopSharing(): Promise<void> {
    return this.outgoing.stopSharing();
  }

  /** A remote tile's rendered size (CSS pixels; 0 when hidden): its layer follows. */
  setTileSize(userId: string, width: number, height: number): void {
    this.tiles.set(userId, { width, height });
  }

  /** Asks to be called back by phone, while the call offers it (even voice fails, or the call
   * could not connect at all); once per call. */
  requestCallback(): void {
    const { link, problem, callbackSent } = this.stateValue;
    const offered = this.inCall() ? link?.offerCallback === true : this.stateValue.phase === 'idle' && unreachable(problem);
    if (!offered || callbackSent) return;
    if (this.deps.signal.sendNow({ type: 'call.report', room_id: this.room.roomId, kind: 'callback' })) {
      this.set({ callbackSent: true });
    }
  }

  /** A specialist in the call starts a separate session with one other person in it. */
  startCaucus(withId: string): void {
    if (this.inCall() && withId && withId !== this.room.selfId) {
      this.deps.signal.sendNow({ type: 'call.caucus.start', room_id: this.room.roomId, with: withId });
    }
  }

  endCaucus(): void {
    if (this.inCall()) this.deps.signal.sendNow({ type: 'call.caucus.end', room_id: this.room.roomId });
  }

  // ── the publication ───────────────────────────────────────────────────────────

  private inCall(): boolean {
    const { phase } = this.stateValue;
    return phase === 'joining' || phase === 'connected' || phase === 'reconnecting';
  }

  private publish(): void {
    this.closeLinks();
    const run = this.run;
    const settings = this.settings;
    if (!settings) return;
    if (this.watching) {
      if (!this.deps.signal.sendNow({ type: 'call.watch', room_id: this.room.roomId })) {
        this.rejoin();
        return;
      }
      this.joinSent = this.runJoined = this.awaitingAnswer = true;
      this.connectTimer = this.after('run', CONNECT_TIMEOUT_MS, () => {
        this.trouble('timeout');
      });
      return;
    }
    let pc: CallPeerLike;
    try {
      pc = this.deps.peer({ iceServers: settings.ice_servers, bundlePolicy: 'max-bundle' });
    } catch {
      this.trouble('setup');
      return;
    }
    const link = new CallLink(pc, this.room.roomId, null, (message) => this.deps.signal.sendNow(message));
    this.publication = link;
    pc.onconnectionstatechange = pc.oniceconnectionstatechange = () => {
      if (run !== this.run) return;
      if (link.state === 'connected') this.publicationUp();
      else if (link.state === 'failed') this.trouble('broken');
    };
    this.connectTimer = this.after('run', CONNECT_TIMEOUT_MS, () => {
      this.trouble('timeout');
    });
    void this.offer(run, pc, link, settings.max_sdp_bytes);
  }

  private async offer(run: number, pc: CallPeerLike, link: CallLink, maxSdpBytes: number): Promise<void> {
    try {
      const { audio, video } = this.outgoing.tracks();
      // Voice first: its m-line carries the bundle (mid 0).
      const voice = pc.addTransceiver(audio ?? 'audio', { direction: 'sendonly' });
      preferCodecs(voice, 'audio', this.deps.codecs);
      let picture: ReturnType<CallPeerLike['addTransceiver']> | null = null;
      if (this.stateValue.mode === 'video') {
        // Three simulcast layers; the server forwards each receiver the one it asks for.
        picture = pc.addTransceiver(video ?? 'video', { direction: 'sendonly', sendEncodings: [...SEND_ENCODINGS] });
        preferCodecs(picture, 'video', this.deps.codecs);
      }
      this.outgoing.bind(voice.sender, picture?.sender ?? null);
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (run !== this.run) return;
      const sdp = offer.sdp ?? '';
      if (maxSdpBytes > 0 && utf8Length(sdp) > maxSdpBytes) {
        this.end('sdp_too_large');
        return;
      }
      if (!this.deps.signal.sendNow({ type: 'call.join', room_id: this.room.roomId, sdp })) {
        this.rejoin(); // the socket is down: its return is waited for
        return;
      }
      this.joinSent = this.runJoined = this.awaitingAnswer = true;
      link.signalled();
    } catch {
      if (run === this.run) this.trouble('setup');
    }
  }

  private watched(event: EventOf<'call.watching'>): void {
    if (!this.awaitingAnswer || !this.watching) return;
    this.awaitingAnswer = false;
    this.publicationUp();
    for (const feed of event.publishers) {
      if (feed === this.room.selfId) continue;
      this.live.add(feed);
      this.receive(feed);
    }
    this.showPeople();
  }

  private joined(event: EventOf<'call.joined'>): void {
    const link = this.publication;
    if (!this.awaitingAnswer || !link) return;
    this.awaitingAnswer = false;
    const run = this.run;
    link.pc.setRemoteDescription({ type: 'answer', sdp: event.sdp }).catch(() => {
      if (run === this.run) this.trouble('setup');
    });
    for (const feed of event.publishers) {
      if (feed === this.room.selfId) continue;
      this.live.add(feed);
      this.receive(feed);
    }
    this.showPeople();
  }

  private publicationUp(): void {
    if (this.stateValue.phase === 'connected') return;
    this.cancel(this.connectTimer);
    this.cancel(this.giveUpTimer);
    this.connectTimer = this.giveUpTimer = null;
    this.reconnectingSince = null;
    this.rejoinAttempt = 0;
    this.set({ phase: 'connected', problem: null, message: null });
  }

  /** The publication failed: the first join ends with why; later, the call rejoins. */
  private trouble(problem: CallProblem, message: string | null = null): void {
    const { phase } = this.stateValue;
    if (phase === 'joining' && this.reconnectingSince === null) this.end(problem, message);
    else if (this.inCall()) this.rejoin();
  }

  private rejoin(): void {
    if (!this.inCall()) return;
    this.closeLinks();
    this.live.clear();
    const now = this.deps.now();
    if (this.reconnectingSince === null) {
      this.reconnectingSince = now;
      this.giveUpTimer = this.after('call', REJOIN_FOR_MS, () => {
        this.end('lost');
      });
    }
    this.set({ phase: 'reconnecting', uplink: null, remotes: [], ongoing: [] });
    const delay = REJOIN_DELAYS_MS[Math.min(this.rejoinAttempt, REJOIN_DELAYS_MS.length - 1)] ?? 0;
    this.rejoinAttempt += 1;
    this.after('run', delay, () => {
      this.tryRejoin();
    });
  }

  private tryRejoin(): void {
    this.waitingForSocket = this.deps.signal.state !== 'open';
    if (!this.waitingForSocket) this.publish();
  }

  // ── receiving the others ──────────────────────────────────────────────────────

  private receive(feed: string): void {
    if (feed === this.room.selfId || this.receivers.has(feed)) return;
    const receiver: Receiver = {
      feed,
      phase: 'asking',
      link: null,
      tracks: [],
      video: null,
      tries: 0,
      timer: null,
      stillWindows: 0,
      person: {
        userId: feed,
        stream: null,
        mode: null,
        connected: false,
        quality: null,
        fallback: null,
        layer: null,
        saving: false,
      },
      layer: initialLayer(),
      serial: 0,
      sentLayer: null,
    };
    this.receivers.set(feed, receiver);
    this.ask(receiver);
  }

  private ask(receiver: Receiver): void {
    receiver.phase = 'asking';
    this.deps.signal.sendNow({ type: 'call.receive', room_id: this.room.roomId, feed: receiver.feed });
    receiver.timer = this.after('run', RECEIVE_TIMEOUT_MS, () => {
      this.retry(receiver);
    });
  }

  private async answer(receiver: Receiver, sdp: string): Promise<void> {
    const settings = this.settings;
    if (receiver.phase !== 'asking' || !settings) return;
    this.cancel(receiver.timer);
    receiver.phase = 'answering';
    let pc: CallPeerLike;
    try {
      pc = this.deps.peer({ iceServers: settings.ice_servers, bundlePolicy: 'max-bundle' });
    } catch {
      this.retry(receiver);
      return;
    }
    const link = new CallLink(pc, this.room.roomId, receiver.feed, (message) => this.deps.signal.sendNow(message));
    const current = () => this.receivers.get(receiver.feed) === receiver && receiver.link === link;
    receiver.link = link;
    receiver.serial = ++this.linkSerial;
    receiver.video = sdpHasVideo(sdp);
    receiver.person = { ...receiver.person, mode: receiver.video ? null : 'audio' };
    pc.ontrack = (event) => {
      if (current()) this.remoteTrack(receiver, event.track);
    };
    pc.onconnectionstatechange = pc.oniceconnectionstatechange = () => {
      if (!current()) return;
      if (link.state === 'connected') this.receiverUp(receiver);
      else if (link.state === 'failed') this.retry(receiver);
    };
    receiver.timer = this.after('run', CONNECT_TIMEOUT_MS, () => {
      if (current() && receiver.phase !== 'up') this.retry(receiver);
    });
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      if (!current()) return;
      const message = { type: 'call.answer', room_id: this.room.roomId, feed: receiver.feed, sdp: answer.sdp ?? '' } as const;
      if (this.deps.signal.sendNow(message)) link.signalled();
    } catch {
      if (current()) this.retry(receiver);
    }
    this.showPeople();
  }

  private remoteTrack(receiver: Receiver, track: MediaStreamTrack): void {
    if (!receiver.tracks.includes(track)) receiver.tracks.push(track);
    receiver.person = { ...receiver.person, stream: this.deps.newStream([...receiver.tracks]) };
    this.showPeople();
  }

  private receiverUp(receiver: Receiver): void {
    if (receiver.phase === 'up') return;
    this.cancel(receiver.timer);
    receiver.phase = 'up';
    receiver.tries = 0;
    receiver.layer = initialLayer();
    receiver.sentLayer = 'high';
    receiver.person = { ...receiver.person, connected: true };
    this.askLayer(receiver);
    this.showPeople();
  }

  /** Receiving someone failed: ask again after a pause (1, 2, 4 … 15 s) while they are in the call. */
  private retry(receiver: Receiver): void {
    if (this.receivers.get(receiver.feed) !== receiver) return;
    this.cancel(receiver.timer);
    receiver.link?.close();
    receiver.link = null;
    receiver.tracks = [];
    receiver.phase = 'waiting';
    receiver.sentLayer = null;
    receiver.person = { ...receiver.person, stream: null, connected: false, quality: null, layer: null, saving: false };
    const delay = Math.min(15_000, 1_000 * 2 ** receiver.tries);
    receiver.tries += 1;
    receiver.timer = this.after('run', delay, () => {
      if (this.receivers.get(receiver.feed) === receiver) this.ask(receiver);
    });
    this.showPeople();
  }

  private drop(feed: string): void {
    const receiver = this.receivers.get(feed);
    if (!receiver) return;
    this.cancel(receiver.timer);
    receiver.link?.close();
    this.receivers.delete(feed);
  }

  // ── what the server says ──────────────────────────────────────────────────────

  private listen(): (() => void)[] {
    const { signal } = this.deps;
    const ours = (event: { room_id?: string }) => event.room_id === this.room.roomId;
    return [
      signal.on('call.joined', (event) => {
        if (ours(event)) this.joined(event);
      }),
      signal.on('call.watching', (event) => {
        if (ours(event)) this.watched(event);
      }),
      signal.on('call.offer', (event) => {
        const receiver = ours(event) ? this.receivers.get(event.feed) : undefined;
        if (receiver) void this.answer(receiver, event.sdp);
      }),
      signal.on('call.member', (event) => {
        if (ours(event)) this.member(event);
      }),
      signal.on('call.people', (event) => {
        if (ours(event)) this.people(event);
      }),
      signal.on('media.event', (event) => {
        if (event.scope === 'call' && ours(event)) this.mediaEvent(event);
      }),
      signal.on('call.mode', (event) => {
        if (ours(event)) this.remoteMode(event);
      }),
      signal.on('call.caucus', (event) => {
        if (ours(event)) this.set({ caucus: event.state === 'started' ? { host: event.host, party: event.party } : null });
      }),
      signal.on('error', (event) => {
        if (event.scope === 'call' && ours(event)) this.refused(event.code, event.message ?? null);
      }),
      signal.onState((state) => {
        this.socketChanged(state);
      }),
    ];
  }

  /** Outside a call: who is in it already (call.people). */
  private askWho(): void {
    if (this.room.askWho && this.stateValue.phase === 'idle' && this.deps.signal.state === 'open') {
      this.deps.signal.sendNow({ type: 'call.who', room_id: this.room.roomId });
    }
  }

  private people(event: EventOf<'call.people'>): void {
    if (this.stateValue.phase !== 'idle') return; // in a call, call.joined and call.member tell
    this.live.clear();
    for (const id of event.people) if (id !== this.room.selfId) this.live.add(id);
    this.showPeople();
  }

  private member(event: EventOf<'call.member'>): void {
    const feed = event.user_id;
    if (feed === this.room.selfId) {
      if (event.event === 'removed') this.end('removed');
      return;
    }
    if (event.event === 'joined') {
      this.live.add(feed);
      const receiver = this.receivers.get(feed);
      // A new publication of someone received already (their rejoin): receive it afresh.
      if (receiver && receiver.phase !== 'asking') this.drop(feed);
      if (this.runJoined) this.receive(feed);
    } else {
      this.live.delete(feed);
      this.drop(feed);
    }
    this.showPeople();
  }

  private mediaEvent(event: EventOf<'media.event'>): void {
    const feed = event.feed ?? '';
    if (event.event === 'gone') {
      // The media engine restarted: every handle is gone. Once per outage: a rejoin under way
      // hears the other handles' `gone` too.
      if (this.stateValue.phase === 'joining' || this.stateValue.phase === 'connected') this.rejoin();
      return;
    }
    // A hang-up counts only for a handle of this run: one closed here says so too, late.
    if (feed === '') {
      if (event.event === 'connected') this.publicationUp();
      else if (event.event === 'slowlink') this.publication?.slow();
      else if (this.runJoined && !this.awaitingAnswer) this.trouble('broken');
      return;
    }
    const receiver = this.receivers.get(feed);
    if (!receiver) return;
    if (event.event === 'connected') this.receiverUp(receiver);
    else if (event.event === 'slowlink') receiver.link?.slow();
    else if (receiver.phase === 'answering' || receiver.phase === 'up') this.retry(receiver);
  }

  private refused(code: string | undefined, message: string | null): void {
    if (!this.awaitingAnswer) return; // see the header: left to the link's time-outs
    this.awaitingAnswer = false;
    const { phase } = this.stateValue;
    const passing = code === 'media_unavailable' || code === 'busy' || code === 'failed';
    if (phase === 'reconnecting' && passing) this.rejoin();
    else this.end('server', message);
  }

  private socketChanged(state: ConnectionState): void {
    if (state === 'open') {
      if (this.stateValue.phase === 'reconnecting' && this.waitingForSocket) this.tryRejoin();
      this.askWho();
      return;
    }
    // The server ends a call with the connection that joined it.
    if (this.inCall()) {
      this.joinSent = false;
      this.rejoin();
    } else if (this.stateValue.phase === 'idle') {
      this.live.clear(); // what was missed meanwhile is unknown (asked again once open)
      this.showPeople();
    }
  }

  // ── measuring ─────────────────────────────────────────────────────────────────

  private async measure(session: number): Promise<void> {
    const now = this.deps.now();
    const jobs: Promise<unknown>[] = [];
    const publication = this.publication;
    if (publication && this.stateValue.phase === 'connected') {
      jobs.push(
        publication.measure(now).then(() => {
          if (this.publication === publication) this.sent(publication);
        }),
      );
    }
    for (const receiver of this.receivers.values()) {
      const { link } = receiver;
      if (!link || receiver.phase !== 'up') continue;
      jobs.push(
        link.measure(now).then((flow) => {
          if (receiver.link === link) this.judge(receiver, link, flow);
        }),
      );
    }
    await Promise.all(jobs);
    if (session !== this.session) return;
    this.received(now);
    this.set({ uplink: this.publication?.quality ?? null });
    this.showPeople();
    this.after('call', SAMPLE_GAP_MS, () => void this.measure(session));
  }

  /** One's own publication's latest sample: the fallback's next step, and a relay reported. */
  private sent(link: CallLink): void {
    if (link.relayed && !this.relayReported) {
      this.relayReported = this.deps.signal.sendNow({ type: 'call.report', room_id: this.room.roomId, kind: 'relayed' });
    }
    const before = this.fallback;
    if (!before || !link.sample) return;
    const view = this.view();
    const { windowStart } = before;
    this.uplinkClean = windowStart !== null && judgeWindow(before.mode, windowStart, link.sample).verdict === 'good';
    this.fallback = nextFallback(before, link.sample, { slowlinks: link.takeSlowlinks() });
    this.changed(view);
  }

  /** What everyone else's links brought this window: the receiving half's next step. */
  private received(now: number): void {
    const send = this.fallback;
    if (!send) return;
    const view = this.view();
    const up = [...this.receivers.values()].filter((r) => r.phase === 'up' && r.link?.sample && 'received' in r.link.sample);
    if (up.length === 0) {
      this.downlink = null;
      this.downlinkLinks = '';
    } else {
      const others = up.map((r) =>
        lower(this.remoteModes.get(r.feed)?.mode ?? 'video', r.video === false || r.person.mode === 'cameraOff' ? 'audio' : 'video'),
      );
      let down = downlinkCeiling(this.downlink ?? initialDownlink('video'), downlinkCeilingOf(send.mode, others), now);
      // Another set of connections: their counters start afresh, so does the window.
      const links = up.map((r) => `${r.feed}#${r.serial}`).join(',');
      if (links !== this.downlinkLinks) down = { ...down, windowStart: null };
      this.downlinkLinks = links;
      const samples = up.flatMap((r) => (r.link?.sample && 'received' in r.link.sample ? [r.link.sample.received] : []));
      this.downlink = nextFallback(down, downlinkSample(now, samples), { excused: this.uplinkClean });
    }
    this.changed(view);
  }

  /** What one sends bounds the fallback: no picture (camera off, not sharing) is voice only,
   * chosen; turning the picture back on is the person's choice and takes effect at once. */
  private ceiling(state: OutgoingState): void {
    const before = this.fallback;
    if (!before) return;
    const ceiling = ceilingOf(state);
    if (ceiling === before.ceiling) return;
    const view = this.view();
    this.fallback =
      ceiling === 'video' && before.reason === 'chosen'
        ? initialFallback('video')
        : setCeiling(before, ceiling, this.deps.now());
    this.changed(view);
    this.set({ link: this.linkView() });
  }

  /** One's mode: the sending half's, or the receiving half's when that fell lower. */
  private view(): CallState['link'] {
    const send = this.fallback;
    return send && combined(send, this.downlink);
  }

  /** One's mode after a step: what is sent and received follows, and the others are told. */
  private changed(before: CallState['link']): void {
    const after = this.view();
    if (!after) return;
    if (after.mode !== before?.mode) {
      void this.outgoing.carry(after.mode);
      this.report(after);
      for (const receiver of this.receivers.values()) this.askLayer(receiver);
    }
    if (after.mode !== before?.mode || after.reason !== before.reason || after.offerCallback !== before.offerCallback) {
      this.set({ link: after });
    }
  }

  private report(state: FallbackView): void {
    const detail = `${state.mode}:${state.reason}`;
    this.deps.signal.sendNow({ type: 'call.report', room_id: this.room.roomId, kind: 'mode', detail });
  }

  private linkView(): CallState['link'] {
    return this.view();
  }

  private remoteMode(event: EventOf<'call.mode'>): void {
    if (event.user_id === this.room.selfId || !MODES.includes(event.mode) || !REASONS.includes(event.reason)) return;
    this.remoteModes.set(event.user_id, { mode: event.mode as Mode, reason: event.reason as Reason });
    this.showPeople();
  }

  /** A window's verdict on someone: their link's quality, video, voice only or camera off,
   * and the layer of their picture to ask for. */
  private judge(receiver: Receiver, link: CallLink, flow: MediaFlow | null): void {
    let { mode } = receiver.person;
    if (receiver.video === false) mode = 'audio';
    else if (receiver.sentLayer === 'none') receiver.stillWindows = 0; // no picture asked for
    else if (flow?.video) {
      receiver.stillWindows = 0;
      mode = 'video';
    } else if (flow?.audio) {
      receiver.stillWindows += 1;
      if (receiver.stillWindows >= CAMERA_OFF_WINDOWS) mode = 'cameraOff';
    }
    receiver.person = { ...receiver.person, mode, quality: link.quality };
    const slowlinks = link.takeSlowlinks();
    const { sample } = link;
    if (sample && 'received' in sample) {
      const tile = this.tiles.get(receiver.feed) ?? { width: 0, height: 0 };
      receiver.layer = nextLayer(receiver.layer, { ...sample, ...tile, slowlinks });
      this.askLayer(receiver);
    }
  }

  /** Asks the server for the layer a receiving link should get, when it changed. */
  private askLayer(receiver: Receiver): void {
    if (receiver.phase !== 'up' || receiver.video === false) return;
    const mode = this.view()?.mode ?? 'video';
    const wanted: WireLayer = mode === 'video' ? WIRE_LAYER[receiver.layer.layer] : 'none';
    if (wanted !== receiver.sentLayer) {
      const message = { type: 'call.layer', room_id: this.room.roomId, feed: receiver.feed, layer: wanted } as const;
      if (this.deps.signal.sendNow(message)) receiver.sentLayer = wanted;
    }
    const tile = this.tiles.get(receiver.feed);
    const { layer, estimateKbps } = receiver.layer;
    const saving =
      wanted !== 'none' && !!tile && estimateKbps !== Infinity && chooseLayer(tile.width, tile.height, Infinity, layer) !== layer;
    receiver.person = { ...receiver.person, layer: receiver.sentLayer, saving };
  }

  // ── ending ────────────────────────────────────────────────────────────────────

  private end(problem: CallProblem | null, message: string | null = null): void {
    if (this.stateValue.phase === 'idle') return;
    const told = this.joinSent;
    this.session += 1;
    this.closeLinks();
    for (const timer of this.timers.keys()) this.deps.clearTimer(timer);
    this.timers.clear();
    if (told) this.deps.signal.sendNow({ type: 'call.leave', room_id: this.room.roomId });
    this.joinSent = false;
    this.reconnectingSince = null;
    this.giveUpTimer = null;
    this.rejoinAttempt = 0;
    this.fallback = null;
    this.watching = false;
    this.downlink = null;
    this.downlinkLinks = '';
    this.tiles.clear();
    this.outgoing.stop();
    this.relayReported = false;
    this.remoteModes.clear();
    this.set({
      phase: 'idle',
      uplink: null,
      remotes: [],
      ongoing: [...this.live],
      problem,
      message,
      link: null,
      callbackSent: false,
      caucus: null,
    });
  }

  /** Closes this run's connections and forgets its timers; the local tracks stay. */
  private closeLinks(): void {
    this.run += 1;
    for (const [timer, scope] of this.timers) {
      if (scope !== 'run') continue;
      this.deps.clearTimer(timer);
      this.timers.delete(timer);
    }
    this.connectTimer = null;
    this.runJoined = this.awaitingAnswer = this.waitingForSocket = false;
    this.outgoing.bind(null, null);
    this.publication?.close();
    this.publication = null;
    for (const receiver of this.receivers.values()) receiver.link?.close();
    this.receivers.clear();
  }

  private showPeople(): void {
    this.set({
      remotes: [...this.receivers.values()].map((receiver) => ({
        ...receiver.person,
        fallback: this.remoteModes.get(receiver.feed) ?? null,
      })),
      ongoing: [...this.live],
    });
  }

  private after(scope: Scope, ms: number, fn: () => void): unknown {
    const token = scope === 'run' ? this.run : this.session;
    const timer: unknown = this.deps.setTimer(() => {
      this.timers.delete(timer);
      if ((scope === 'run' ? this.run : this.session) === token) fn();
    }, ms);
    this.timers.set(timer, scope);
    return timer;
  }

  private cancel(timer: unknown): void {
    if (timer === null || !this.timers.has(timer)) return;
    this.timers.delete(timer);
    this.deps.clearTimer(timer);
  }

  private set(patch: Partial<CallState>): void {
    this.stateValue = { ...this.stateValue, ...patch };
    this.onChange(this.stateValue);
  }
}
