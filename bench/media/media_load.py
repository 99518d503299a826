#!/usr/bin/python3
# The media benchmarks' load generator (bench/media/run-media-bench.sh runs it): publishers
# and subscribers of Janus VideoRoom over WebRTC (GStreamer webrtcbin), driven through the
# Janus API on its Unix socket (pfunix, SOCK_SEQPACKET, api_secret), as Kelisim's JanusClient
# does. It never encodes while measuring: `setup` encodes a test pattern once (VP8 at three
# simulcast sizes, Opus) into IVF files, and publishers replay those frames, paced in real time
# and shared by every publisher of the process through a tee. Each subscriber counts RTP
# packets, loss and interarrival jitter (webrtcbin's receiver statistics, RFC 3550) and the
# frames it receives (depayloaded, not decoded) for freezes. Figures are `key value` lines.
#
#   media_load.py setup DIR
#   media_load.py panels|audience|joins --media DIR --socket PATH --secret S --admin-key K [--count N] ...
#
# Debian's /usr/bin/python3 with python3-gst-1.0, gir1.2-gst-plugins-bad-1.0 and GStreamer's
# base, good, bad and nice plugins (scripts/install-deps.sh --media-bench). One thread paces
# the media; webrtcbin's own threads do the rest. Stops by itself. DUMP_STATS=1 prints the
# first publisher's and subscriber's webrtcbin statistics after the warm-up.
import argparse
import json
import os
import socket
import struct
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstWebRTC", "1.0")
gi.require_version("GstSdp", "1.0")
from gi.repository import Gst, GstSdp, GstWebRTC  # noqa: E402

# Simulcast layers: (name, width, height, target bit rate). The 360p file is also the
# audience scenario's single layer.
LAYERS = [("180", 320, 180, 150_000), ("360", 640, 360, 500_000), ("720", 1280, 720, 1_200_000)]
FPS = 30
AUDIO_CAPS = "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000,encoding-params=(string)2"
VIDEO_CAPS = "application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- IVF files (frames on disk)
def write_ivf(path, fourcc, width, height, frames):
    with open(path + ".new", "wb") as f:
        f.write(struct.pack("<4sHH4sHHIIII", b"DKIF", 0, 32, fourcc, width, height, 1000, 1, len(frames), 0))
        for pts_ms, data in frames:
            f.write(struct.pack("<IQ", len(data), pts_ms))
            f.write(data)
    os.rename(path + ".new", path)


def read_ivf(path):
    with open(path, "rb") as f:
        blob = f.read()
    frames, off = [], 32
    while off + 12 <= len(blob):
        size, pts = struct.unpack_from("<IQ", blob, off)
        off += 12
        frames.append((pts, blob[off : off + size]))
        off += size
    return frames


def encode_once(pipeline_text):
    """Runs an encoding pipeline ending in `appsink name=out` and returns its (pts ms, bytes)."""
    pipe = Gst.parse_launch(pipeline_text)
    sink = pipe.get_by_name("out")
    pipe.set_state(Gst.State.PLAYING)
    frames = []
    while True:
        sample = sink.emit("pull-sample")
        if sample is None:
            break
        buf = sample.get_buffer()
        ok, info = buf.map(Gst.MapFlags.READ)
        frames.append((buf.pts // Gst.MSECOND, bytes(info.data)))
        buf.unmap(info)
    pipe.set_state(Gst.State.NULL)
    return frames


def setup(directory, seconds):
    os.makedirs(directory, exist_ok=True)
    frames_n = seconds * FPS
    for name, w, h, rate in LAYERS:
        path = os.path.join(directory, f"vp8-{name}.ivf")
        if os.path.exists(path):
            continue
        # Moving, detailed content so that the encoder spends its budget (packet counts near
        # a camera's); a key frame every 2 s so that a new subscriber sees video soon.
        frames = encode_once(
            f"videotestsrc pattern=smpte horizontal-speed=7 num-buffers={frames_n} ! "
            f"video/x-raw,width={w},height={h},framerate={FPS}/1 ! "
            f"vp8enc deadline=1 cpu-used=4 end-usage=cbr target-bitrate={rate} keyframe-max-dist={2 * FPS} "
            f"error-resilient=default ! appsink name=out sync=false"
        )
        write_ivf(path, b"VP80", w, h, frames)
        log(f"setup: {path} {len(frames)} frames, {sum(len(d) for _, d in frames) * 8 / seconds / 1000:.0f} kbit/s")
    path = os.path.join(directory, "opus.ivf")
    if not os.path.exists(path):
        frames = encode_once(
            f"audiotestsrc wave=pink-noise volume=0.3 num-buffers={seconds * 50} samplesperbuffer=960 ! "
            "audio/x-raw,rate=48000,channels=2 ! opusenc bitrate=32000 frame-size=20 ! appsink name=out sync=false"
        )
        write_ivf(path, b"OPUS", 0, 0, frames)
        log(f"setup: {path} {len(frames)} packets")


# ---------------------------------------------------------------- Janus API over pfunix
class Janus:
    """One SEQPACKET connection, one Janus session; answers matched by transaction, handle
    events (webrtcup, media, hangup, slowlink) counted by sender."""

    def __init__(self, path, secret):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.connect(path)
        self.secret = secret
        self.lock = threading.Lock()
        self.pending = {}
        self.next_tx = 0
        self.events = {}  # handle -> list of (monotonic time, event name)
        self.alive = True
        threading.Thread(target=self._read, daemon=True).start()
        self.session = self.call({"janus": "create"})["data"]["id"]
        threading.Thread(target=self._keepalive, daemon=True).start()

    def _read(self):
        while self.alive:
            try:
                data, _, flags, _ = self.sock.recvmsg(1 << 20)
            except OSError:
                break
            if not data:
                break
            msg = json.loads(data)
            kind = msg.get("janus")
            tx = msg.get("transaction")
            if kind in ("webrtcup", "media", "hangup", "slowlink", "detached"):
                self.events.setdefault(msg.get("sender"), []).append((time.monotonic(), kind, msg))
            with self.lock:
                waiter = self.pending.get(tx)
            if waiter is None or (kind == "ack" and not waiter[2]):
                continue
            waiter[1] = msg
            waiter[0].set()
        self.alive = False

    def _keepalive(self):
        while self.alive:
            time.sleep(20)
            try:
                self.call({"janus": "keepalive", "session_id": self.session}, ack_is_answer=True)
            except Exception:  # noqa: BLE001 — the run ends on its own errors
                return

    def call(self, msg, ack_is_answer=False, timeout=20):
        with self.lock:
            self.next_tx += 1
            tx = f"b{self.next_tx}"
            waiter = [threading.Event(), None, ack_is_answer]
            self.pending[tx] = waiter
        msg = dict(msg, transaction=tx, apisecret=self.secret)
        data = json.dumps(msg, separators=(",", ":")).encode()
        if len(data) >= 8000:
            raise RuntimeError(f"request of {len(data)} bytes: pfunix reads 8 KiB")
        self.sock.send(data)
        if not waiter[0].wait(timeout):
            raise RuntimeError(f"no answer to {msg.get('janus')} {msg.get('body', {}).get('request', '')}")
        with self.lock:
            del self.pending[tx]
        answer = waiter[1]
        if answer.get("janus") == "error":
            raise RuntimeError(f"janus error {answer['error']}")
        data = answer.get("plugindata", {}).get("data", {})
        if data.get("error"):
            raise RuntimeError(f"videoroom error {data.get('error_code')}: {data['error']}")
        return answer

    def attach(self):
        answer = self.call({"janus": "attach", "session_id": self.session, "plugin": "janus.plugin.videoroom"})
        return answer["data"]["id"]

    def message(self, handle, body, jsep=None):
        msg = {"janus": "message", "session_id": self.session, "handle_id": handle, "body": body}
        if jsep:
            msg["jsep"] = jsep
        return self.call(msg)


# ---------------------------------------------------------------- media replay
class Replay:
    """One appsrc per file, pushed in real time in a loop, fanned out by a tee."""

    def __init__(self, pipe, name, caps, frames, interval):
        self.frames, self.interval = frames, interval
        self.src = Gst.ElementFactory.make("appsrc", f"src_{name}")
        self.src.set_property("caps", Gst.Caps.from_string(caps))
        self.src.set_property("is-live", True)
        self.src.set_property("format", Gst.Format.TIME)
        self.src.set_property("do-timestamp", True)
        self.tee = Gst.ElementFactory.make("tee", f"tee_{name}")
        self.tee.set_property("allow-not-linked", True)
        pipe.add(self.src)
        pipe.add(self.tee)
        self.src.link(self.tee)
        self.buffers = [Gst.Buffer.new_wrapped(data) for _, data in frames]
        self.pos = 0
        # A VP8 frame is a key frame when bit 0 of its first byte is 0.
        self.keys = [i for i, (_, data) in enumerate(frames) if caps.startswith("video/x-vp8") and not data[0] & 1]
        self.forced = 0
        self.last_forced = 0.0
        if self.keys:
            self.src.get_static_pad("src").add_probe(Gst.PadProbeType.EVENT_UPSTREAM, self._upstream)

    def _upstream(self, _pad, info):
        # A receiver's PLI (Janus sends one when someone subscribes) reaches here as a
        # force-key-unit event: answered as an encoder would, by a key frame next, i.e. a jump
        # to the loop's next key frame. At most one a second a layer: every publisher of the
        # process shares this loop, and their PLIs would otherwise multiply key frames.
        event = info.get_event()
        st = event.get_structure() if event is not None else None
        now = time.monotonic()
        if st is not None and st.get_name() == "GstForceKeyUnit" and now - self.last_forced >= 1.0:
            later = [k for k in self.keys if k > self.pos]
            self.pos = later[0] if later else self.keys[0]
            self.forced += 1
            self.last_forced = now
        return Gst.PadProbeReturn.OK

    def tick(self, _slot):
        pos = self.pos
        self.pos = (pos + 1) % len(self.buffers)
        self.src.emit("push-buffer", self.buffers[pos].copy())


def pacer(replays, stop):
    """Pushes frame i of each replay at start + i × interval (audio 20 ms, video 1/30 s)."""
    start = time.monotonic()
    nexts = [0] * len(replays)
    while not stop.is_set():
        now = time.monotonic()
        soonest = None
        for k, r in enumerate(replays):
            due = start + nexts[k] * r.interval
            if due <= now:
                r.tick(nexts[k])
                nexts[k] += 1
                due = start + nexts[k] * r.interval
            soonest = due if soonest is None else min(soonest, due)
        time.sleep(max(0.0, soonest - time.monotonic()))


# ---------------------------------------------------------------- a WebRTC peer
def make_webrtcbin(pipe, name):
    webrtc = Gst.ElementFactory.make("webrtcbin", name)
    webrtc.set_property("bundle-policy", GstWebRTC.WebRTCBundlePolicy.MAX_BUNDLE)
    pipe.add(webrtc)
    gathered = threading.Event()

    def on_gathering(element, _pspec):
        if element.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE:
            gathered.set()

    webrtc.connect("notify::ice-gathering-state", on_gathering)
    return webrtc, gathered


def promise_call(webrtc, signal, *args):
    """Emits SIGNAL with a promise and returns (promise, reply): the reply lives as long as
    its promise, so callers keep both while they read it."""
    promise = Gst.Promise.new()
    webrtc.emit(signal, *args, promise)
    promise.wait()
    return promise, promise.get_reply()


def made(webrtc, kind):
    """The SDP text of webrtcbin's new offer or answer (copied out while the promise lives)."""
    promise, reply = promise_call(webrtc, f"create-{kind}", None)
    desc = reply.get_value(kind) if reply is not None and reply.has_field(kind) else None
    if desc is None or desc.sdp is None:
        raise RuntimeError(f"webrtcbin made no {kind}: {reply.to_string() if reply else None}")
    text = desc.sdp.as_text()
    del promise
    return text


def set_description(webrtc, which, kind, sdp_text):
    _, sdp = GstSdp.SDPMessage.new_from_text(sdp_text)
    desc = GstWebRTC.WebRTCSessionDescription.new(kind, sdp)
    _promise, reply = promise_call(webrtc, f"set-{which}-description", desc)
    if reply is not None and reply.has_field("error"):
        raise RuntimeError(f"webrtcbin refused the {which} description: {reply.get_value('error')}\n{sdp_text}")


def local_sdp(webrtc, gathered):
    gathered.wait(10)
    return webrtc.get_property("local-description").sdp.as_text()


def with_ssrcs(sdp, audio_ssrc, video_ssrcs):
    """Names the SSRCs in the offer given to Janus (webrtcbin makes its offer before any buffer,
    so without them), and, for more than one video SSRC, adds legacy simulcast
    (a=ssrc-group:SIM, low to high): webrtcbin 1.22 has no rid-based simulcast; Janus takes
    both kinds."""
    out, section = [], None
    for line in sdp.split("\r\n"):
        if line.startswith("m="):
            section = line[2:7]
            out.append(line)
            continue
        if section and line.startswith("a=ssrc"):
            continue
        out.append(line)
        if line.startswith("a=rtcp-mux") and section == "audio":
            out.append(f"a=ssrc:{audio_ssrc} cname:bench")
        elif line.startswith("a=rtcp-mux") and section == "video":
            if len(video_ssrcs) > 1:
                out.append("a=ssrc-group:SIM " + " ".join(str(v) for v in video_ssrcs))
            out += [f"a=ssrc:{v} cname:bench" for v in video_ssrcs]
    return "\r\n".join(out)


class Publisher:
    def __init__(self, load, janus, room, index, layers):
        self.janus, self.room = janus, room
        self.build(load, index, layers)
        handle = janus.attach()
        joined = janus.message(handle, {"request": "join", "ptype": "publisher", "room": room, "display": f"p{index}"})
        self.feed = joined["plugindata"]["data"]["id"]
        answer = janus.message(
            handle,
            {"request": "publish", "audiocodec": "opus", "videocodec": "vp8"},
            {"type": "offer", "sdp": self.offer()},
        )
        self.accept(load, answer["jsep"]["sdp"])
        self.handle = handle

    def build(self, load, index, layers):
        """The publisher's elements, up to its webrtcbin (not linked to the replays yet)."""
        pipe = load.pipe
        self.webrtc, gathered = make_webrtcbin(pipe, f"pub{index}")
        base = 0x10000000 + index * 16
        self.video_ssrcs = [base + k for k in range(len(layers))]
        self.audio_ssrc = base + 15
        # Audio first (mid 0), then video (mid 1) with one payloader per layer into a funnel.
        # The branches join the replays' tees only once webrtcbin is negotiated (before, its
        # sink pads block): then no queue (one thread a branch) is needed, and each replay's
        # own thread carries a frame through every publisher (a third fewer thread hand-offs a
        # packet). BRANCH_QUEUES=1 puts a leaky queue at the head of each branch instead.
        head = "queue leaky=downstream max-size-buffers=60 ! " if os.environ.get("BRANCH_QUEUES") == "1" else ""
        apay = Gst.parse_bin_from_description(
            f"{head}rtpopuspay pt=111 ssrc={self.audio_ssrc} ! capsfilter caps={AUDIO_CAPS}",
            True,
        )
        pipe.add(apay)
        branches = [("opus", apay)]
        apay.link_pads("src", self.webrtc, "sink_0")
        funnel = Gst.ElementFactory.make("rtpfunnel", f"funnel{index}")
        pipe.add(funnel)
        self.elements = [apay, funnel]
        for k, layer in enumerate(layers):
            vpay = Gst.parse_bin_from_description(
                f"{head}rtpvp8pay pt=96 ssrc={self.video_ssrcs[k]} "
                f"picture-id-mode=15-bit mtu=1200 ! capsfilter caps={VIDEO_CAPS}",
                True,
            )
            pipe.add(vpay)
            branches.append((layer, vpay))
            vpay.link(funnel)
            self.elements.append(vpay)
        funnel.link_pads("src", self.webrtc, "sink_1")
        for e in self.elements + [self.webrtc]:
            e.sync_state_with_parent()
        # The offer is made before the first buffer reaches webrtcbin: the codecs come from here.
        for k, caps in enumerate([AUDIO_CAPS, VIDEO_CAPS]):
            t = self.webrtc.emit("get-transceiver", k)
            t.set_property("direction", GstWebRTC.WebRTCRTPTransceiverDirection.SENDONLY)
            t.set_property("codec-preferences", Gst.Caps.from_string(caps))
        self.gathered = gathered
        self.branches = branches

    def offer(self):
        """The offer with every candidate gathered and the SSRCs named (blocks until then)."""
        set_description(self.webrtc, "local", GstWebRTC.WebRTCSDPType.OFFER, made(self.webrtc, "offer"))
        sdp = local_sdp(self.webrtc, self.gathered)
        return with_ssrcs(sdp, self.audio_ssrc, self.video_ssrcs)

    def accept(self, load, answer_sdp):
        """Takes the server's answer and joins the replays: media flows from now on."""
        set_description(self.webrtc, "remote", GstWebRTC.WebRTCSDPType.ANSWER, answer_sdp)
        for replay, branch in self.branches:
            load.replays[replay].tee.link(branch)

    def wait_media(self, timeout=15):
        """Janus refuses subscriptions to a publisher whose PeerConnection is not up yet."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(e[1] == "webrtcup" for e in self.janus.events.get(self.handle, [])):
                return
            time.sleep(0.05)
        raise RuntimeError(f"no media from publisher {self.feed} reached Janus in {timeout} s")

    def sent(self):
        """RTP packets sent so far (all SSRCs), from webrtcbin's sender statistics."""
        _promise, stats = promise_call(self.webrtc, "get-stats", None)
        total = 0

        def each(_field, value, _):
            nonlocal total
            # webrtcbin 1.22 nests each entry as a structure named after its type.
            if isinstance(value, Gst.Structure) and value.get_name() == "outbound-rtp":
                total += value.get_value("packets-sent") or 0
            return True

        stats.foreach(each, None)
        return total


class Subscriber:
    """One subscriber handle receiving the given feeds (audio and video of each)."""

    def __init__(self, load, janus, room, index, feeds, substream):
        self.frames = {}  # pad name -> [count, last arrival, gap sum, freezes, freeze time, max gap]
        self.first_frame = None
        self.started = time.monotonic()
        pipe = load.pipe
        self.pipe = pipe
        self.webrtc, gathered = make_webrtcbin(pipe, f"sub{index}")
        self.webrtc.connect("pad-added", self._pad_added)
        self.webrtc.sync_state_with_parent()
        handle = janus.attach()
        streams = [{"feed": f} if substream is None else {"feed": f, "substream": substream} for f in feeds]
        joined = janus.message(handle, {"request": "join", "ptype": "subscriber", "room": room, "streams": streams})
        set_description(self.webrtc, "remote", GstWebRTC.WebRTCSDPType.OFFER, joined["jsep"]["sdp"])
        set_description(self.webrtc, "local", GstWebRTC.WebRTCSDPType.ANSWER, made(self.webrtc, "answer"))
        sdp = local_sdp(self.webrtc, gathered)
        janus.message(handle, {"request": "start"}, {"type": "answer", "sdp": sdp})
        self.handle = handle

    def _pad_added(self, _webrtc, pad):
        if pad.get_direction() != Gst.PadDirection.SRC:
            return
        caps = pad.get_current_caps() or pad.query_caps(None)
        media = caps.get_structure(0).get_string("media")
        if media == "video":
            depay = Gst.ElementFactory.make("rtpvp8depay")
            sink = Gst.ElementFactory.make("fakesink")
            sink.set_property("sync", False)
            sink.set_property("async", False)
            for e in (depay, sink):
                self.pipe.add(e)
            depay.link(sink)
            for e in (sink, depay):
                e.sync_state_with_parent()
            record = [0, None, 0.0, 0, 0.0, 0.0]
            self.frames[pad.get_name()] = record
            depay.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, self._frame, record)
            pad.link(depay.get_static_pad("sink"))
        else:
            tail = Gst.ElementFactory.make("fakesink")
            tail.set_property("sync", False)
            tail.set_property("async", False)
            self.pipe.add(tail)
            tail.sync_state_with_parent()
            pad.link(tail.get_static_pad("sink"))

    def _frame(self, _pad, _info, record):
        # A freeze as WebRTC statistics count one: a gap between frames longer than
        # max(3 × the mean gap, mean gap + 150 ms).
        now = time.monotonic()
        if self.first_frame is None:
            self.first_frame = now - self.started
        count, last, gap_sum = record[0], record[1], record[2]
        if last is not None:
            gap = now - last
            if count > 5:
                mean = gap_sum / (count - 1)
                if gap > max(3 * mean, mean + 0.150):
                    record[3] += 1
                    record[4] += gap
            record[5] = max(record[5], gap)
            record[2] = gap_sum + gap
        record[0] = count + 1
        record[1] = now
        return Gst.PadProbeReturn.OK

    def received(self):
        """[(kind, packets received, packets lost, jitter seconds)] per inbound stream."""
        _promise, stats = promise_call(self.webrtc, "get-stats", None)
        out = []

        def each(_field, value, _):
            if isinstance(value, Gst.Structure) and value.get_name() == "inbound-rtp":
                ok_j, jitter = value.get_double("jitter")
                out.append(
                    (
                        value.get_value("ssrc"),
                        value.get_value("packets-received") or 0,
                        value.get_value("packets-lost") or 0,
                        jitter if ok_j else 0.0,
                    )
                )
            return True

        stats.foreach(each, None)
        return out

    def freeze_counts(self):
        return sum(r[3] for r in self.frames.values()), sum(r[0] for r in self.frames.values())


# ---------------------------------------------------------------- the load
class Load:
    def __init__(self, media_dir, layers_wanted):
        self.pipe = Gst.Pipeline.new("load")
        self.replays = {"opus": Replay(self.pipe, "opus", "audio/x-opus,channel-mapping-family=0,channels=2,rate=48000", read_ivf(os.path.join(media_dir, "opus.ivf")), 0.020)}
        for name, w, h, _ in LAYERS:
            if name in layers_wanted:
                caps = f"video/x-vp8,width={w},height={h},framerate={FPS}/1"
                self.replays[name] = Replay(self.pipe, name, caps, read_ivf(os.path.join(media_dir, f"vp8-{name}.ivf")), 1 / FPS)
        self.pipe.set_state(Gst.State.PLAYING)
        self.stop = threading.Event()
        threading.Thread(target=pacer, args=(list(self.replays.values()), self.stop), daemon=True).start()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def udp_counters():
    """The namespace's UDP counters (/proc/net/snmp is per network namespace): datagrams the
    kernel dropped because a socket's buffer was full show who could not keep up."""
    with open("/proc/net/snmp") as f:
        rows = [line.split() for line in f if line.startswith("Udp:")]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))


def socket_drops(pids):
    """Datagrams dropped on the UDP sockets of each process (the drops column of
    /proc/net/udp, matched to the processes' socket inodes): which side could not keep up."""
    drops = {}
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    cols = line.split()
                    drops[cols[9]] = int(cols[12])
        except OSError:
            pass
    out = []
    for pid in pids:
        total = 0
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                try:
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                if target.startswith("socket:["):
                    total += drops.get(target[8:-1], 0)
        except OSError:
            pass
        out.append(total)
    return out


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(args, janus_pid, publishers, subscribers, janus_cpu_extra=()):
    time.sleep(args.warmup)
    if os.environ.get("DUMP_STATS"):
        for w in (publishers[0].webrtc, subscribers[0].webrtc):
            _p, st = promise_call(w, "get-stats", None)
            log(st.to_string().replace("application/x-webrtc-stats", "\n  "))
    sent0 = sum(p.sent() for p in publishers)
    recv0 = {id(s): {r[0]: r for r in s.received()} for s in subscribers}
    frz0 = {id(s): s.freeze_counts() for s in subscribers}
    cpu0 = cpu_seconds(janus_pid)
    own0 = cpu_seconds(os.getpid())
    udp0 = udp_counters()
    drops0 = socket_drops([janus_pid, os.getpid()])
    t0 = time.monotonic()
    jitters = []
    while time.monotonic() - t0 < args.window:
        time.sleep(min(1.0, args.window))
        for s in subscribers:
            jitters += [r[3] for r in s.received() if r[3] > 0]
    elapsed = time.monotonic() - t0
    cpu = cpu_seconds(janus_pid) - cpu0
    udp1 = udp_counters()
    drops1 = socket_drops([janus_pid, os.getpid()])
    own = cpu_seconds(os.getpid()) - own0
    sent = sum(p.sent() for p in publishers) - sent0
    received = lost = 0
    worst_loss = 0.0
    freezes = frames = 0
    streams = 0
    for s in subscribers:
        before = recv0[id(s)]
        mine_r = mine_l = 0
        for ssrc, r, lo, _ in s.received():
            b = before.get(ssrc, (ssrc, 0, 0, 0))
            mine_r += r - b[1]
            mine_l += max(0, lo - b[2])
            streams += r > b[1]
        received += mine_r
        lost += mine_l
        if mine_r + mine_l:
            worst_loss = max(worst_loss, mine_l / (mine_r + mine_l))
        fz, fr = s.freeze_counts()
        freezes += fz - frz0[id(s)][0]
        frames += fr - frz0[id(s)][1]
    in_pps, out_pps = sent / elapsed, received / elapsed
    janus_core = cpu / elapsed
    loss = lost / (received + lost) if received + lost else 0.0
    p95 = percentile(jitters, 95) * 1000
    ok = loss < 0.01 and p95 < 30 and freezes == 0 and received > 0
    # The load generator costs more CPU a packet than Janus: past ~85 % of its cores its own
    # delays would be counted as Janus's, so such a step says nothing about Janus.
    # When the load shares Janus's core (JANUS_SHARE), what Janus used is not the load's.
    load_cores = len(os.sched_getaffinity(0))
    try:
        shared = bool(os.sched_getaffinity(0) & os.sched_getaffinity(janus_pid))
    except OSError:
        shared = False
    load_bound = own / elapsed > 0.85 * (load_cores - (janus_core if shared else 0))
    first = [s.first_frame for s in subscribers if s.first_frame is not None]
    print(f"window_s {elapsed:.1f}")
    print(f"publishers {len(publishers)}")
    print(f"subscriber_handles {len(subscribers)}")
    print(f"janus_in_pps {in_pps:.0f}")
    print(f"janus_out_pps {out_pps:.0f}")
    print(f"janus_cpu_pct {janus_core * 100:.1f}")
    print(f"janus_pps_per_core {(in_pps + out_pps) / janus_core:.0f}" if janus_core > 0 else "janus_pps_per_core 0")
    # Streams Janus sends (each audio or video track to each subscriber: mediasoup's "consumer").
    print(f"streams_out {streams}")
    print(f"streams_per_core {streams / janus_core:.0f}" if janus_core > 0 else "streams_per_core 0")
    print(f"loss_pct {loss * 100:.3f}")
    print(f"worst_subscriber_loss_pct {worst_loss * 100:.3f}")
    print(f"jitter_p95_ms {p95:.1f}")
    print(f"jitter_max_ms {max(jitters, default=0) * 1000:.1f}")
    print(f"frames_received {frames}")
    print(f"freezes {freezes}")
    print(f"first_frame_p50_ms {percentile(first, 50) * 1000:.0f}")
    print(f"first_frame_p95_ms {percentile(first, 95) * 1000:.0f}")
    print(f"subscribers_without_video {len(subscribers) - len(first)}")
    print(f"load_cpu_pct {own / elapsed * 100:.1f}")
    print(f"load_cores {load_cores}")
    print(f"udp_rcvbuf_drops {udp1.get('RcvbufErrors', 0) - udp0.get('RcvbufErrors', 0)}")
    print(f"udp_drops_janus {drops1[0] - drops0[0]}")
    print(f"udp_drops_load {drops1[1] - drops0[1]}")
    print(f"verdict {'load-bound' if load_bound else 'ok' if ok else 'over'}")
    sys.stdout.flush()


def make_room(janus, admin_key, name, publishers):
    handle = janus.attach()
    janus.message(
        handle,
        {
            "request": "create", "admin_key": admin_key, "room": name, "publishers": publishers,
            "bitrate": 2_000_000, "videocodec": "vp8", "audiocodec": "opus", "record": False,
            "lock_record": True, "is_private": True,
        },
    )


def join_at_rate(args, load, janus, room, feed):
    """`joins`: COUNT receivers start at an even pace over --join-seconds, each on a thread of
    its own (as people arriving do), so that Janus sets up many at once; each one's time to
    first frame runs from its own start (attach, join, offer, answer, ICE, DTLS, key frame)."""
    subscribers, errors, threads = [], [], []
    lock = threading.Lock()

    def one(k):
        try:
            sub = Subscriber(load, janus, room, k, [feed], None)
            with lock:
                subscribers.append(sub)
        except Exception as e:  # noqa: BLE001 — counted, and the run goes on
            with lock:
                errors.append(str(e))

    start = time.monotonic()
    for k in range(args.count):
        time.sleep(max(0.0, start + k * args.join_seconds / args.count - time.monotonic()))
        t = threading.Thread(target=one, args=(k,), daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join(60)
    print(f"joins_started_s {args.join_seconds}")
    print(f"joins_failed {len(errors)}")
    for e in errors[:3]:
        log("join failed:", e)
    return subscribers


def run(args):
    janus = Janus(args.socket, args.secret)
    publishers, subscribers = [], []
    t_setup = time.monotonic()
    if args.scenario == "panels":
        load = Load(args.media, {name for name, *_ in LAYERS})
        layers = [name for name, *_ in LAYERS]
        for p in range(args.count):
            room = f"panel-{os.getpid()}-{p}"
            make_room(janus, args.admin_key, room, 4)
            mine = [Publisher(load, janus, room, p * 4 + k, layers) for k in range(4)]
            publishers += mine
            for m in mine:
                m.wait_media()
            for k in range(4):
                others = [m.feed for j, m in enumerate(mine) if j != k]
                subscribers.append(Subscriber(load, janus, room, p * 4 + k, others, args.substream))
    else:
        load = Load(args.media, {"360"})
        room = f"audience-{os.getpid()}"
        make_room(janus, args.admin_key, room, 1)
        speaker = Publisher(load, janus, room, 0, ["360"])
        publishers.append(speaker)
        speaker.wait_media()
        if args.scenario == "audience":
            for k in range(args.count):
                subscribers.append(Subscriber(load, janus, room, k, [speaker.feed], None))
        else:
            subscribers = join_at_rate(args, load, janus, room, speaker.feed)
    print(f"scenario {args.scenario}")
    print(f"count {args.count}")
    print(f"setup_s {time.monotonic() - t_setup:.1f}")
    measure(args, args.janus_pid, publishers, subscribers)
    print(f"key_frames_forced {sum(r.forced for r in load.replays.values())}")
    load.stop.set()
    load.pipe.set_state(Gst.State.NULL)
    janus.alive = False
    janus.sock.close()


def main():
    Gst.init(None)
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["setup", "panels", "audience", "joins"])
    parser.add_argument("dir", nargs="?")
    parser.add_argument("--seconds", type=int, default=10, help="length of the encoded loop (setup)")
    parser.add_argument("--media")
    parser.add_argument("--socket")
    parser.add_argument("--secret")
    parser.add_argument("--admin-key")
    parser.add_argument("--janus-pid", type=int)
    parser.add_argument("--count", type=int, default=1, help="panels, or the audience's size")
    parser.add_argument("--substream", type=int, default=2, help="simulcast layer received in panels: 0 low … 2 high")
    parser.add_argument("--join-seconds", type=float, default=10.0, help="joins: the time over which they start")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--window", type=float, default=5.0)
    args = parser.parse_args()
    if args.scenario == "setup":
        setup(args.dir, args.seconds)
        return
    run(args)
    os._exit(0)  # webrtcbin's threads may linger; the figures are printed


if __name__ == "__main__":
    main()
