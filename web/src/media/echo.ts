// The echo test: one peer connection to the server's media engine (Janus EchoTest), which
// sends a person's picture and voice straight back, and the verdict on what came back.
// Signalling rides the tab's socket: `echo.offer` at once, each ICE candidate as it is found
// and `completed` after the last (the server queues those that beat its answer), `echo.stop`
// at the end; the server sends `echo.answer`, `media.event` (connected, hangup, slowlink, gone) and
// errors with scope "echo". Once connected, inbound counters are sampled SAMPLE_GAP_MS apart,
// for up to MAX_WINDOWS windows until the hoped-for verdict shows (verdict.ts).
// Owns its peer connection, never the local tracks (the page's preview owns those).
// Single-threaded like the page; the socket, peer connection, clock and timers are injected.
import type { ClientMessage, ConnectionState, EventOf, EventType, MediaEventName } from '../api/socket';
import { preferCodecs, type CodecLike, type MediaKind } from './codecs';
import { candidateMessage, linkState, utf8Length, type CandidateLike, type PeerLike } from './peer';
import {
  better,
  CONNECT_TIMEOUT_MS,
  linkVerdict,
  SAMPLE_GAP_MS,
  sampleFromStats,
  verdict,
  type StatsSample,
  type Verdict,
} from './verdict';

/** What the test uses of the tab's socket (KelisimSocket). */
export interface EchoSignal {
  readonly state: ConnectionState;
  sendNow(message: ClientMessage): boolean;
  on<T extends EventType>(type: T, handler: (event: EventOf<T>) => void): () => void;
  onState(handler: (state: ConnectionState) => void): () => void;
}

export interface EchoDeps {
  signal: EchoSignal;
  peer: (config: RTCConfiguration) => PeerLike;
  /** The codecs the browser can receive of a kind (RTCRtpReceiver.getCapabilities), if known. */
  codecs: (kind: MediaKind) => readonly CodecLike[] | null;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** A stream of the echoed tracks, for an answer that names no stream. */
  newStream?: (tracks: MediaStreamTrack[]) => MediaStream;
}

export interface EchoOptions {
  /** The local preview's stream: its first audio track, and its first video track with `video`. */
  stream: MediaStream;
  video: boolean;
  iceServers: RTCIceServer[];
  /** The server refuses larger offers; 0 for no limit. */
  maxSdpBytes: number;
}

export type EchoPhase = 'idle' | 'connecting' | 'measuring' | 'done';

/** Why the verdict is chat: the cause, for the words shown with it. */
export type EchoProblem =
  | 'socket' // the live connection to the site was not open, or was lost
  | 'setup' // the browser could not make or take the offer
  | 'sdp_too_large' // the offer is over the server's limit
  | 'timeout' // not connected within CONNECT_TIMEOUT_MS
  | 'failed' // the connection failed
  | 'hangup' // the server ended it
  | 'server' // the server refused (its words in `message`)
  | 'nothing'; // connected, but nothing came back

export interface EchoState {
  phase: EchoPhase;
  /** The peer connection is open: being set up, or echoing. */
  running: boolean;
  verdict: Verdict | null;
  problem: EchoProblem | null;
  /** The server's words for its refusal, in the user's language. */
  message: string | null;
  /** The server reported a lossy link. */
  slow: boolean;
  /** The echoed picture and voice. */
  remote: MediaStream | null;
  /** The echo ended by itself KEEP_RUNNING_MS after its verdict. */
  autoStopped: boolean;
}

export const IDLE: EchoState = {
  phase: 'idle',
  running: false,
  verdict: null,
  problem: null,
  message: null,
  slow: false,
  remote: null,
  autoStopped: false,
};

/** Windows measured at most before settling for less than hoped (the first may be warming up). */
export const MAX_WINDOWS = 3;
/** The echo keeps running this long after its verdict, then stops to spare a mobile plan. */
export const KEEP_RUNNING_MS = 30_000;

/** Whether an event is about the echo test (the server may speak of other media later). */
function aboutEcho(event: { scope?: string }): boolean {
  return event.scope === 'echo';
}

export class EchoTest {
  private stateValue: EchoState = IDLE;
  /** Bumped by every teardown: callbacks of an earlier run see it and do nothing. */
  private run = 0;
  private pc: PeerLike | null = null;
  private startedAt = 0;
  private hoped: Verdict = 'video';
  private offerSent = false;
  private completedSent = false;
  private answered = false;
  private measuring = false;
  /** Candidates found before the offer went out. */
  private pending: ClientMessage[] = [];
  private remoteTracks: MediaStreamTrack[] = [];
  private readonly timers = new Set<unknown>();
  private connectTimer: unknown = null;
  private subscriptions: (() => void)[] = [];

  constructor(
    private readonly deps: EchoDeps,
    private readonly onChange: (state: EchoState) => void,
  ) {}

  get state(): EchoState {
    return this.stateValue;
  }

  /** Starts a test, ending any test under way first. */
  start(options: EchoOptions): void {
    this.teardown();
    const run = this.run;
    this.hoped = options.video ? 'video' : 'audio';
    this.startedAt = this.deps.now();
    this.set({ ...IDLE, phase: 'connecting', running: true });
    if (this.deps.signal.state !== 'open') {
      this.fail('socket');
      return;
    }
    let pc: PeerLike;
    try {
      pc = this.deps.peer({ iceServers: options.iceServers, bundlePolicy: 'max-bundle' });
    } catch {
      this.fail('setup');
      return;
    }
    this.pc = pc;
    this.listen(run);
    pc.onicecandidate = (event) => {
      if (run === this.run) this.candidate(event.candidate);
    };
    pc.ontrack = (event) => {
      if (run === this.run) this.track(event.track, event.streams);
    };
    pc.onconnectionstatechange = pc.oniceconnectionstatechange = () => {
      if (run === this.run) this.linkChanged();
    };
    this.connectTimer = this.after(run, CONNECT_TIMEOUT_MS, () => {
      this.linkChanged();
    });
    void this.offer(run, pc, options);
  }

  /** Ends the test: a verdict already given stays; one under way is dropped. */
  stop(): void {
    const { phase, running } = this.stateValue;
    if (!running) return;
    this.teardown();
    this.set(phase === 'done' ? { running: false, remote: null } : IDLE);
  }

  // ── setting up ────────────────────────────────────────────────────────────────

  private listen(run: number): void {
    const { signal } = this.deps;
    this.subscriptions = [
      signal.on('echo.answer', (event) => {
        if (run === this.run) this.answer(run, event.sdp);
      }),
      signal.on('media.event', (event) => {
        if (run === this.run && aboutEcho(event)) this.mediaEvent(run, event.event);
      }),
      signal.on('error', (event) => {
        if (run === this.run && aboutEcho(event)) this.lost('server', event.message ?? null);
      }),
      signal.onState((state) => {
        if (run === this.run && state !== 'open') this.lost('socket');
      }),
    ];
  }

  private mediaEvent(run: number, name: MediaEventName): void {
    switch (name) {
      case 'connected':
        this.beginMeasuring(run);
        break;
      case 'hangup':
      case 'gone': // the engine restarted: this test's media is gone with it
        this.lost('hangup');
        break;
      case 'slowlink':
        this.set({ slow: true });
        break;
    }
  }

  private async offer(run: number, pc: PeerLike, options: EchoOptions): Promise<void> {
    try {
      const audio = options.stream.getAudioTracks()[0];
      const video = options.video ? options.stream.getVideoTracks()[0] : undefined;
      if (!audio) throw new Error('no microphone track');
      // Audio first: its m-line carries the bundle (mid 0).
      for (const [kind, track] of [['audio', audio], ['video', video]] as const) {
        if (!track) continue;
        const transceiver = pc.addTransceiver(track, { direction: 'sendrecv', streams: [options.stream] });
        preferCodecs(transceiver, kind, this.deps.codecs);
      }
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (run !== this.run) return;
      const sdp = offer.sdp ?? '';
      if (options.maxSdpBytes > 0 && utf8Length(sdp) > options.maxSdpBytes) {
        this.fail('sdp_too_large');
        return;
      }
      if (!this.deps.signal.sendNow({ type: 'echo.offer', sdp })) {
        this.fail('socket');
        return;
      }
      this.offerSent = true;
      for (const message of this.pending.splice(0)) this.deps.signal.sendNow(message);
    } catch {
      if (run === this.run) this.fail('setup');
    }
  }

  private candidate(candidate: CandidateLike | null): void {
    let message: ClientMessage;
    if (candidate === null) {
      if (this.completedSent) return;
      this.completedSent = true;
      message = { type: 'echo.candidate', completed: true };
    } else if (!candidate.candidate) {
      return; // the end of one generation in some browsers: the final null follows
    } else {
      message = { type: 'echo.candidate', candidate: candidateMessage(candidate) };
    }
    if (this.offerSent) this.deps.signal.sendNow(message);
    else this.pending.push(message);
  }

  private answer(run: number, sdp: string): void {
    const pc = this.pc;
    if (!pc || this.answered) return;
    this.answered = true;
    pc.setRemoteDescription({ type: 'answer', sdp }).catch(() => {
      if (run === this.run) this.fail('setup');
    });
  }

  private track(track: MediaStreamTrack, streams: readonly MediaStream[]): void {
    const stream = streams[0];
    if (stream) {
      this.set({ remote: stream });
      return;
    }
    this.remoteTracks.push(track);
    if (this.deps.newStream) this.set({ remote: this.deps.newStream([...this.remoteTracks]) });
  }

  private linkState(): RTCPeerConnectionState {
    return this.pc ? linkState(this.pc) : 'closed';
  }

  private linkChanged(): void {
    const state = this.linkState();
    const { phase } = this.stateValue;
    if (state === 'connected') {
      this.beginMeasuring(this.run);
    } else if (phase === 'done') {
      if (state === 'failed' || state === 'closed') this.lost('failed');
    } else if (phase === 'connecting' && linkVerdict(state, this.deps.now() - this.startedAt) === 'chat') {
      this.fail(state === 'failed' || state === 'closed' ? 'failed' : 'timeout');
    } else if (phase === 'measuring' && state === 'failed') {
      this.fail('failed');
    }
  }

  // ── measuring ─────────────────────────────────────────────────────────────────

  private beginMeasuring(run: number): void {
    if (this.measuring || this.stateValue.phase !== 'connecting') return;
    this.measuring = true;
    this.cancel(this.connectTimer);
    this.set({ phase: 'measuring' });
    void this.measure(run);
  }

  private async measure(run: number): Promise<void> {
    let before = await this.sample(run);
    let best: Verdict = 'chat';
    for (let window = 1; before; window += 1) {
      await this.wait(run, SAMPLE_GAP_MS);
      const after = await this.sample(run);
      if (!after) break;
      best = better(best, verdict(before, after));
      if (best === this.hoped || window >= MAX_WINDOWS) {
        this.settle(run, best);
        return;
      }
      before = after;
    }
    if (run === this.run) this.fail('failed'); // the statistics could not be read
  }

  /** The current counters; null when the run ended meanwhile or the stats failed. */
  private async sample(run: number): Promise<StatsSample | null> {
    const pc = this.pc;
    if (!pc || run !== this.run) return null;
    try {
      const report = await pc.getStats();
      return run === this.run ? sampleFromStats(report) : null;
    } catch {
      return null;
    }
  }

  private settle(run: number, result: Verdict): void {
    if (result === 'chat') {
      this.fail('nothing');
      return;
    }
    this.set({ phase: 'done', verdict: result, problem: null });
    this.after(run, KEEP_RUNNING_MS, () => {
      this.teardown();
      this.set({ running: false, remote: null, autoStopped: true });
    });
  }

  // ── ending ────────────────────────────────────────────────────────────────────

  /** Trouble from outside: a chat verdict while testing; after a verdict, just the end. */
  private lost(problem: EchoProblem, message: string | null = null): void {
    if (this.stateValue.phase === 'done') {
      this.teardown();
      this.set({ running: false, remote: null });
    } else {
      this.fail(problem, message);
    }
  }

  private fail(problem: EchoProblem, message: string | null = null): void {
    this.teardown();
    this.set({ phase: 'done', running: false, verdict: 'chat', problem, message, remote: null });
  }

  /** Closes the peer connection, tells the server, forgets the run's timers and handlers. */
  private teardown(): void {
    this.run += 1;
    for (const timer of this.timers) this.deps.clearTimer(timer);
    this.timers.clear();
    this.connectTimer = null;
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    const pc = this.pc;
    this.pc = null;
    if (pc) {
      pc.onicecandidate = null;
      pc.ontrack = null;
      pc.onconnectionstatechange = null;
      pc.oniceconnectionstatechange = null;
      try {
        pc.close();
      } catch {
        // Closed already; nothing more to free.
      }
    }
    if (this.offerSent) this.deps.signal.sendNow({ type: 'echo.stop' });
    this.offerSent = false;
    this.completedSent = false;
    this.answered = false;
    this.measuring = false;
    this.pending = [];
    this.remoteTracks = [];
  }

  private after(run: number, ms: number, fn: () => void): unknown {
    const timer: unknown = this.deps.setTimer(() => {
      this.timers.delete(timer);
      if (run === this.run) fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: unknown): void {
    if (timer === null || !this.timers.has(timer)) return;
    this.timers.delete(timer);
    this.deps.clearTimer(timer);
  }

  /** Resolves after `ms`, unless the run ends first (it then never resolves). */
  private wait(run: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(run, ms, resolve);
    });
  }

  private set(patch: Partial<EchoState>): void {
    this.stateValue = { ...this.stateValue, ...patch };
    this.onChange(this.stateValue);
  }
}
