#!/usr/bin/python3
# The `signalling` benchmark's load (bench/media/run-media-bench.sh runs it): people joining
# a conference through Kelisim, every media message over /ws as the web app sends them
# (docs/conference-api.md "Live", docs/reception-api.md "Media"), against a `kelisim serve`
# that runs its own Janus (--media-engine spawn).
#
#   signalling_load.py joins  --base URL --data-dir D --password P --count 100 --join-seconds 10 ...
#   signalling_load.py setups --base URL --data-dir D --password P --conferences 4 --count 250 ...
#
# Both start the same way: a moderator (a demo specialist) schedules the conferences through
# the API with COUNT guests each; the guests' links come from the mails the server writes
# under DATA_DIR/mail (no SMTP); the moderator enters (the stage) and publishes one real
# stream (webrtcbin, media_load.py's Publisher, signalled with call.join); a guest opens its
# link (POST /api/v1/conferences/join: a guest account and its session cookie), opens /ws,
# sends conf.enter (the lobby), is let in by the moderator (conf.admit, as soon as it waits),
# and then sets up its receiving link:
#   call.watch → call.watching; call.receive (the moderator's feed) → call.offer;
#   call.answer (no reply when done: a ping sent right after is answered only once the
#   connection has handled it, messages being taken one at a time), call.candidate
#   completed (the same).
# Each request's latency is from its send to its reply frame's arrival.
#
# joins:  COUNT guests of one conference start evenly over --join-seconds, each a real
#         webrtcbin receiver (media_load.py's Subscriber, its Janus calls replaced by /ws):
#         time to first frame from the link opened and from call.watch; then media_load's
#         window (loss, jitter, freezes, Janus's CPU).
# setups: CONFERENCES × COUNT guests, all let in first, then each does its set-up (no
#         media, no ICE: the answer is made from Janus's offer with a=setup:active, its own
#         ICE credentials and a sha-256 fingerprint), starting evenly over --spread seconds;
#         per message type p50/p95/p99, Kelisim's and Janus's CPU over the window; then,
#         with --direct, the same set-ups straight on Janus's API (its socket and secret from
#         DATA_DIR/media), for Kelisim's added latency.
# Figures are `key value` lines on stdout; progress on stderr.
import argparse
import asyncio
import base64
import concurrent.futures
import email
import email.policy
import hashlib
import http.client
import json
import os
import re
import secrets
import socket
import struct
import sys
import time
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import media_load as ml  # noqa: E402
from media_load import Gst, GstWebRTC  # noqa: E402

TYPES = ["watch", "receive", "answer", "candidate"]
REPLY = {"call.watch": "call.watching", "call.receive": "call.offer"}


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def now_ms():
    return time.perf_counter() * 1000


# ---------------------------------------------------------------- HTTP (setup only)
class Http:
    """One client's cookies over short HTTP/1.1 requests (the setup is not measured)."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}

    def request(self, method, path, body=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "kelisim_csrf" in self.cookies:
            headers["X-CSRF-Token"] = self.cookies["kelisim_csrf"]
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        res = conn.getresponse()
        raw = res.read()
        for name, value in res.getheaders():
            if name.lower() == "set-cookie":
                k, _, v = value.split(";", 1)[0].partition("=")
                self.cookies[k.strip()] = v.strip()
        conn.close()
        text = raw.decode("utf-8", "replace")
        if res.status >= 300:
            raise RuntimeError(f"{method} {path}: {res.status} {text[:300]}")
        return json.loads(text) if text else None


# ---------------------------------------------------------------- a WebSocket client (RFC 6455)
class Ws:
    """A client socket on /ws. Frames are sent masked with a zero key (RFC 6455 requires the
    mask, any key; zero makes masking free). Every frame is stamped on arrival; conf.state
    (the stage's fan-out) is read and dropped unparsed; other events wait in `inbox` until
    something asks for them."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer
        self.inbox = []  # (arrival ms, event)
        self.waiters = []  # (predicate, future)
        self.closed = False
        self.states = 0
        self.next_ping = 0
        self.task = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, host, port, cookies, origin):
        reader, writer = await asyncio.open_connection(host, port, limit=1 << 22)
        key = base64.b64encode(os.urandom(16)).decode()
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        writer.write(
            (
                f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n"
                f"Cookie: {cookie}\r\n\r\n"
            ).encode()
        )
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            writer.close()
            status = head.split(b"\r\n")[0].decode()
            raise RuntimeError(f"/ws refused: {status}")
        return cls(reader, writer)

    def send(self, event):
        data = json.dumps(event, separators=(",", ":")).encode()
        n = len(data)
        if n < 126:
            head = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        self.writer.write(head + b"\0\0\0\0" + data)

    async def _read(self):
        r = self.reader
        try:
            while True:
                b0, b1 = await r.readexactly(2)
                n = b1 & 0x7F
                if n == 126:
                    (n,) = struct.unpack("!H", await r.readexactly(2))
                elif n == 127:
                    (n,) = struct.unpack("!Q", await r.readexactly(8))
                payload = await r.readexactly(n)
                at = now_ms()
                op = b0 & 0x0F
                if op == 0x9:  # ping: pong with its payload
                    self.writer.write(struct.pack("!BB", 0x8A, 0x80 | n) + b"\0\0\0\0" + payload)
                    continue
                if op == 0x8:
                    break
                if op != 0x1:
                    continue
                if payload.startswith(b'{"type":"conf.state"'):
                    self.states += 1
                    continue
                self._deliver(at, json.loads(payload))
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        self.closed = True
        for _, fut in self.waiters:
            if not fut.done():
                fut.set_exception(RuntimeError("connection closed"))
        self.waiters = []

    def _deliver(self, at, event):
        for k, (pred, fut) in enumerate(self.waiters):
            if not fut.done() and pred(event):
                del self.waiters[k]
                fut.set_result((at, event))
                return
        self.inbox.append((at, event))

    async def wait(self, pred, timeout=30):
        """The first event (arrival ms, event) matching `pred`, taken from the inbox or awaited."""
        for k, (at, event) in enumerate(self.inbox):
            if pred(event):
                del self.inbox[k]
                return at, event
        if self.closed:
            raise RuntimeError("connection closed")
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append((pred, fut))
        try:
            return await asyncio.wait_for(fut, timeout)
        except asyncio.TimeoutError:
            raise RuntimeError(f"no reply in {timeout} s") from None

    async def ask(self, event, reply_type, timeout=30):
        """Sends a request and returns (latency ms, reply). A refusal (an error event about
        the same room or conference) is raised. A request without a reply of its own is
        followed by a ping: its pong comes once the request was handled."""
        key = event.get("room_id") or event.get("conference_id")

        def mine(e):
            t = e.get("type")
            if t == "error":  # about this request, or about the connection's message budget
                return e.get("room_id") == key or e.get("conference_id") == key or e.get("code") == "too_many_messages"
            if reply_type == "pong":
                return t == "pong" and e.get("id") == ping_id
            return t == reply_type

        ping_id = None
        t0 = now_ms()
        self.send(event)
        if reply_type == "pong":
            self.next_ping += 1
            ping_id = self.next_ping
            self.send({"type": "ping", "id": ping_id})
        at, reply = await self.wait(mine, timeout)
        if reply.get("type") == "error":
            raise RuntimeError(f"{event['type']} refused: {reply.get('code')} {reply.get('message', '')}")
        return at - t0, reply

    def close(self):
        self.task.cancel()
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001
            pass


# ---------------------------------------------------------------- an SDP answer without media
def fake_answer(offer):
    """A recvonly answer to Janus's subscriber offer that Janus accepts: its sections and
    codecs, a=setup:active, fresh ICE credentials and a sha-256 fingerprint. Nobody will
    send the ICE checks: Janus's side of the link never comes up (signalling only)."""
    ufrag = secrets.token_hex(4)
    pwd = secrets.token_hex(12)
    digest = hashlib.sha256(secrets.token_bytes(32)).hexdigest().upper()
    fingerprint = ":".join(digest[k : k + 2] for k in range(0, 64, 2))
    out = ["v=0", f"o=- {secrets.randbelow(1 << 62)} 2 IN IP4 127.0.0.1", "s=-", "t=0 0"]
    sections, current = [], None
    for line in offer.replace("\r\n", "\n").split("\n"):
        if line.startswith("m="):
            current = [line]
            sections.append(current)
        elif current is not None:
            current.append(line)
        elif line.startswith("a=group:BUNDLE"):
            out.append(line)
    for sec in sections:
        m = sec[0].split()
        out.append(" ".join(["m=" + m[0][2:], "9", m[2]] + m[3:]))
        out.append("c=IN IP4 0.0.0.0")
        direction = "a=recvonly" if "a=sendonly" in sec or "a=sendrecv" in sec else "a=inactive"
        for line in sec[1:]:
            if line.startswith(("a=mid:", "a=rtpmap:", "a=fmtp:", "a=rtcp-fb:", "a=extmap:")):
                out.append(line)
        out += [direction, "a=rtcp-mux", f"a=ice-ufrag:{ufrag}", f"a=ice-pwd:{pwd}",
                f"a=fingerprint:sha-256 {fingerprint}", "a=setup:active"]
    return "\r\n".join(out) + "\r\n"


# ---------------------------------------------------------------- webrtcbin peers signalled over /ws
class WsSubscriber(ml.Subscriber):
    """media_load's Subscriber (frames, freezes, receiver statistics) whose offer comes from
    call.offer and whose answer goes back in call.answer."""

    def __init__(self, load, index):  # noqa: super().__init__ would talk to Janus
        self.frames = {}
        self.first_frame = None
        self.started = time.monotonic()
        self.pipe = load.pipe
        self.webrtc, self.gathered = ml.make_webrtcbin(self.pipe, f"sub{index}")
        self.webrtc.connect("pad-added", self._pad_added)
        self.webrtc.sync_state_with_parent()

    def answer(self, offer_sdp):
        ml.set_description(self.webrtc, "remote", GstWebRTC.WebRTCSDPType.OFFER, offer_sdp)
        ml.set_description(self.webrtc, "local", GstWebRTC.WebRTCSDPType.ANSWER, ml.made(self.webrtc, "answer"))
        return ml.local_sdp(self.webrtc, self.gathered)


class WsPublisher(ml.Publisher):
    def __init__(self, load, index, layers):  # noqa: super().__init__ would talk to Janus
        self.build(load, index, layers)


# ---------------------------------------------------------------- people
class Lat:
    def __init__(self):
        self.ms = {t: [] for t in TYPES}
        self.errors = []


class Conference:
    # A page may send 20 messages a second (burst 60: transport/ws/protocol.hpp's WsBudget):
    # the moderator's page lets people in at most this often.
    ADMITS_PER_S = 15

    def __init__(self, cid, moderator_ws, moderator_id):
        self.id, self.ws, self.moderator = cid, moderator_ws, moderator_id
        self.room = f"conf-{cid}"
        self.admit_next = 0.0

    async def admit(self, user_id):
        now = time.monotonic()
        at = max(now, self.admit_next)
        self.admit_next = at + 1 / self.ADMITS_PER_S
        await asyncio.sleep(at - now)
        self.ws.send({"type": "conf.admit", "conference_id": self.id, "user_id": user_id})


class Guest:
    def __init__(self, email_addr, token):
        self.email, self.token = email_addr, token
        self.http = None
        self.ws = None
        self.user_id = None


class Bench:
    def __init__(self, args):
        self.args = args
        u = args.base.split("://", 1)[1]
        self.host, port = u.split(":")
        self.port = int(port.rstrip("/"))
        self.origin = f"http://{self.host}:{self.port}"
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.threads)
        self.loop = None

    async def run_blocking(self, fn, *a):
        return await self.loop.run_in_executor(self.pool, fn, *a)

    # ---- the conferences and their guests' links
    def schedule(self, staff, conferences, count):
        start = datetime.now(timezone.utc) - timedelta(minutes=1)
        made = []
        for c in range(conferences):
            guests = [{"name": f"Guest {c}-{k}", "email": f"g{c}-{k}-{os.getpid()}@bench.kelisim.kz", "language": "en"}
                      for k in range(count)]
            body = {
                "title": f"Signalling bench {c}",
                "language": "en",
                "starts_at": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "guests": guests,
            }
            conf = staff.request("POST", "/api/v1/conferences", body)
            made.append((conf["id"], [g["email"] for g in guests]))
        return made

    def tokens(self, wanted, timeout=180):
        """Each address's /c/<token>, from the mails the server writes (<data_dir>/mail/*.eml)."""
        found, seen = {}, set()
        directory = os.path.join(self.args.data_dir, "mail")
        end = time.monotonic() + timeout
        while len(found) < len(wanted) and time.monotonic() < end:
            try:
                names = [n for n in os.listdir(directory) if n.endswith(".eml") and n not in seen]
            except FileNotFoundError:
                names = []
            for name in names:
                with open(os.path.join(directory, name), "rb") as f:
                    msg = email.message_from_binary_file(f, policy=email.policy.default)
                seen.add(name)
                to = re.search(r"([\w.+-]+@[\w.-]+)", str(msg["To"]))
                if not to or to.group(1) not in wanted:
                    continue
                for part in msg.walk():
                    if part.get_content_type() == "text/plain":
                        link = re.search(r"/c/([A-Za-z0-9]{48})", part.get_content())
                        if link:
                            found[to.group(1)] = link.group(1)
                            break
            time.sleep(0.2)
        if len(found) < len(wanted):
            raise RuntimeError(f"only {len(found)} of {len(wanted)} invitations arrived in {timeout} s")
        return found

    async def staff_ws(self, staff):
        ws = await Ws.open(self.host, self.port, staff.cookies, self.origin)
        _, hello = await ws.wait(lambda e: e.get("type") == "hello")
        return ws, hello["user_id"]

    async def prepare(self, layers):
        """The conferences, each with its moderator on the stage publishing one stream whose
        media reached Janus; returns them and their guests (links read, not opened yet)."""
        a = self.args
        staff = Http(self.host, self.port)
        staff.request("POST", "/api/v1/auth/sign-in", {"email": a.moderator, "password": a.password})
        made = await self.run_blocking(self.schedule, staff, a.conferences, a.count)
        wanted = {e for _, emails in made for e in emails}
        tokens = await self.run_blocking(self.tokens, wanted)
        log(f"signalling: {len(made)} conferences scheduled, {len(tokens)} links read")
        self.load = await self.run_blocking(ml.Load, a.media, set(layers))
        confs, guests = [], []
        for k, (cid, emails) in enumerate(made):
            ws, me = await self.staff_ws(staff)
            conf = Conference(cid, ws, me)
            _, entered = await ws.ask({"type": "conf.enter", "conference_id": cid}, "conf.entered")
            if entered.get("place") != "stage":
                raise RuntimeError(f"the moderator is in the {entered.get('place')}, not on the stage")
            pub = await self.run_blocking(WsPublisher, self.load, k, layers)
            offer = await self.run_blocking(pub.offer)
            _, joined = await ws.ask({"type": "call.join", "room_id": conf.room, "sdp": offer}, "call.joined")
            await self.run_blocking(pub.accept, self.load, joined["sdp"])
            ws.send({"type": "call.candidate", "room_id": conf.room, "completed": True})
            await ws.wait(lambda e: e.get("type") == "media.event" and e.get("event") == "connected"
                          and not e.get("feed"), timeout=20)
            conf.publisher = pub
            confs.append(conf)
            guests.append([Guest(e, tokens[e]) for e in emails])
        log(f"signalling: {len(confs)} moderators publishing")
        return confs, guests

    async def let_in(self, conf, guest):
        """The guest opens its link and /ws, enters (the lobby) and is let in."""
        guest.http = Http(self.host, self.port)
        await self.run_blocking(guest.http.request, "POST", "/api/v1/conferences/join", {"token": guest.token})
        guest.ws = await Ws.open(self.host, self.port, guest.http.cookies, self.origin)
        _, hello = await guest.ws.wait(lambda e: e.get("type") == "hello")
        guest.user_id = hello["user_id"]
        _, entered = await guest.ws.ask({"type": "conf.enter", "conference_id": conf.id}, "conf.entered")
        if entered.get("place") == "lobby":
            await conf.admit(guest.user_id)
            await guest.ws.wait(lambda e: e.get("type") == "conf.you" and e.get("event") == "admitted")

    async def set_up(self, conf, guest, lat, media_answer=None):
        """call.watch, call.receive, call.answer, call.candidate: each request's latency."""
        ws, room = guest.ws, conf.room
        ms, watching = await ws.ask({"type": "call.watch", "room_id": room}, "call.watching")
        lat.ms["watch"].append(ms)
        if conf.moderator not in watching.get("publishers", []):
            raise RuntimeError("call.watching without the moderator's feed")
        ms, offer = await ws.ask({"type": "call.receive", "room_id": room, "feed": conf.moderator}, "call.offer")
        lat.ms["receive"].append(ms)
        sdp = await media_answer(offer["sdp"]) if media_answer else fake_answer(offer["sdp"])
        ms, _ = await ws.ask({"type": "call.answer", "room_id": room, "feed": conf.moderator, "sdp": sdp}, "pong")
        lat.ms["answer"].append(ms)
        ms, _ = await ws.ask({"type": "call.candidate", "room_id": room, "feed": conf.moderator,
                              "completed": True}, "pong")
        lat.ms["candidate"].append(ms)


# ---------------------------------------------------------------- figures
def cpu_seconds(pid):
    try:
        return ml.cpu_seconds(pid)
    except OSError:
        return 0.0


def child_named(parent, name):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                text = f.read()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        if ppid == parent and comm == name:
            return int(pid)
    return None


def print_latencies(prefix, lat):
    for t in TYPES:
        v = lat.ms[t]
        print(f"{prefix}{t}_count {len(v)}")
        for p in (50, 95, 99):
            print(f"{prefix}{t}_p{p}_ms {ml.percentile(v, p):.2f}")
        print(f"{prefix}{t}_max_ms {max(v, default=0):.2f}")


class Window:
    """CPU of Kelisim, its Janus and the load over a stretch of the run."""

    def __init__(self, kelisim_pid, janus_pid):
        self.pids = [kelisim_pid, janus_pid, os.getpid()]
        self.cpu0 = [cpu_seconds(p) for p in self.pids]
        self.t0 = time.monotonic()

    def print(self, prefix):
        elapsed = time.monotonic() - self.t0
        k, j, own = (cpu_seconds(p) - c for p, c in zip(self.pids, self.cpu0))
        print(f"{prefix}window_s {elapsed:.2f}")
        print(f"{prefix}kelisim_cpu_pct {k / elapsed * 100:.1f}")
        print(f"{prefix}janus_cpu_pct {j / elapsed * 100:.1f}")
        print(f"{prefix}load_cpu_pct {own / elapsed * 100:.1f}")
        self.kelisim_s, self.janus_s = k, j
        return own / elapsed


# ---------------------------------------------------------------- joins: real receivers
async def joins(bench):
    a = bench.args
    a.conferences = 1
    confs, guests = await bench.prepare(["360"])
    conf, people = confs[0], guests[0]
    janus_pid = child_named(a.kelisim_pid, "janus")
    lat = Lat()
    subscribers, from_link, errors = [], [], []

    async def one(k, guest):
        try:
            t_link = time.monotonic()
            await bench.let_in(conf, guest)
            sub = await bench.run_blocking(WsSubscriber, bench.load, k)
            sub.started = time.monotonic()  # time to first frame from call.watch, as `joins` from attach
            await bench.set_up(conf, guest, lat, lambda offer: bench.run_blocking(sub.answer, offer))
            subscribers.append((sub, sub.started - t_link))
        except Exception as e:  # noqa: BLE001 — counted, and the run goes on
            errors.append(f"{type(e).__name__}: {e}")

    window = Window(a.kelisim_pid, janus_pid)
    start = time.monotonic()
    tasks = []
    for k, guest in enumerate(people):
        await asyncio.sleep(max(0.0, start + k * a.join_seconds / len(people) - time.monotonic()))
        tasks.append(asyncio.ensure_future(one(k, guest)))
    await asyncio.gather(*tasks)
    # Everyone's first frame, or 15 s more.
    end = time.monotonic() + 15
    while time.monotonic() < end and any(s.first_frame is None for s, _ in subscribers):
        await asyncio.sleep(0.1)
    print("scenario signalling-joins")
    print(f"count {len(people)}")
    window.print("join_")
    print(f"joins_started_s {a.join_seconds}")
    print(f"joins_failed {len(errors)}")
    for e in errors[:5]:
        log("join failed:", e)
    print_latencies("lat_", lat)
    linked = [s.first_frame + before for s, before in subscribers if s.first_frame is not None]
    print(f"first_frame_from_link_p50_ms {ml.percentile(linked, 50) * 1000:.0f}")
    print(f"first_frame_from_link_p95_ms {ml.percentile(linked, 95) * 1000:.0f}")
    print(f"conf_state_events {sum(g.ws.states for g in people if g.ws)}")
    sys.stdout.flush()
    subs = [s for s, _ in subscribers]
    if subs:
        await bench.run_blocking(ml.measure, a, janus_pid, [conf.publisher], subs)
    print(f"key_frames_forced {sum(r.forced for r in bench.load.replays.values())}")


# ---------------------------------------------------------------- setups: signalling only
class AsyncJanus:
    """The Janus API on its pfunix socket (SOCK_SEQPACKET), for the same set-ups straight on
    Janus: answers matched by transaction, a plugin request with a jsep by its event."""

    def __init__(self, path, secret):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.connect(path)
        self.sock.setblocking(False)
        self.secret = secret
        self.pending = {}
        self.next = 0
        self.loop = asyncio.get_running_loop()
        self.loop.add_reader(self.sock, self._readable)

    def _readable(self):
        while True:
            try:
                data = self.sock.recv(1 << 16)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:  # Janus closed the connection: every request still waiting fails
                self.loop.remove_reader(self.sock)
                for fut, _ in self.pending.values():
                    if not fut.done():
                        fut.set_exception(RuntimeError("janus closed the connection"))
                self.pending = {}
                return
            at = now_ms()
            msg = json.loads(data)
            entry = self.pending.get(msg.get("transaction"))
            if entry is None or (msg.get("janus") == "ack" and entry[1]):
                continue
            del self.pending[msg["transaction"]]
            if not entry[0].done():
                entry[0].set_result((at, msg))

    async def call(self, msg, want_event=False, timeout=30):
        self.next += 1
        tx = f"s{self.next}"
        fut = self.loop.create_future()
        self.pending[tx] = (fut, want_event)
        data = json.dumps(dict(msg, transaction=tx, apisecret=self.secret), separators=(",", ":")).encode()
        t0 = now_ms()
        await self.loop.sock_sendall(self.sock, data)
        at, answer = await asyncio.wait_for(fut, timeout)
        if answer.get("janus") == "error" or answer.get("plugindata", {}).get("data", {}).get("error"):
            raise RuntimeError(f"janus: {json.dumps(answer)[:300]}")
        return at - t0, answer


async def direct(bench, confs, count):
    """The same set-ups straight on Janus (Kelisim's JanusClient's requests): receive is
    attach + join as subscriber, answer is start with the jsep, candidate a trickle."""
    a = bench.args
    media = os.path.join(a.data_dir, "media")
    kept = dict(line.strip().split("=", 1) for line in open(os.path.join(media, "secrets")) if "=" in line)
    janus = AsyncJanus(os.path.join(media, "janus", "api.sock"), kept["janus_api"])
    _, created = await janus.call({"janus": "create"})
    session = created["data"]["id"]
    lat = Lat()

    async def keepalive():  # Janus ends a silent session after 60 s
        while True:
            await asyncio.sleep(15)
            await janus.call({"janus": "keepalive", "session_id": session})

    alive = asyncio.ensure_future(keepalive())

    async def one(conf):
        try:
            t1, attached = await janus.call({"janus": "attach", "session_id": session, "plugin": "janus.plugin.videoroom"})
            handle = attached["data"]["id"]
            t2, joined = await janus.call({"janus": "message", "session_id": session, "handle_id": handle,
                                           "body": {"request": "join", "ptype": "subscriber", "room": conf.room,
                                                    "streams": [{"feed": conf.moderator}]}}, want_event=True)
            lat.ms["watch"].append(0.0)
            lat.ms["receive"].append(t1 + t2)
            t3, _ = await janus.call({"janus": "message", "session_id": session, "handle_id": handle,
                                      "body": {"request": "start"},
                                      "jsep": {"type": "answer", "sdp": fake_answer(joined["jsep"]["sdp"])}},
                                     want_event=True)
            lat.ms["answer"].append(t3)
            t4, _ = await janus.call({"janus": "trickle", "session_id": session, "handle_id": handle,
                                      "candidate": {"completed": True}})
            lat.ms["candidate"].append(t4)
        except Exception as e:  # noqa: BLE001
            lat.errors.append(f"{type(e).__name__}: {e}")

    order = [c for c in confs for _ in range(count)]
    window = Window(a.kelisim_pid, child_named(a.kelisim_pid, "janus"))
    start = time.monotonic()
    tasks = []
    for k, conf in enumerate(order):
        await asyncio.sleep(max(0.0, start + k * a.spread / len(order) - time.monotonic()))
        tasks.append(asyncio.ensure_future(one(conf)))
    await asyncio.gather(*tasks)
    window.print("direct_")
    print(f"direct_failed {len(lat.errors)}")
    for e in lat.errors[:3]:
        log("direct set-up failed:", e)
    print_latencies("janus_", lat)
    # Its handles go with its session, before Kelisim's set-ups.
    alive.cancel()
    try:
        await janus.call({"janus": "destroy", "session_id": session})
    except Exception as e:  # noqa: BLE001
        log("direct: destroying the session failed:", e)
    bench.loop.remove_reader(janus.sock)
    janus.sock.close()
    log("signalling: the set-ups straight on Janus are done")


async def setups(bench):
    a = bench.args
    confs, guests = await bench.prepare(["180"])
    janus_pid = child_named(a.kelisim_pid, "janus")
    # Everyone is let in first: the set-ups alone are measured, all sockets open.
    sem = asyncio.Semaphore(a.parallel)
    failed = []

    async def admitted(conf, guest):
        async with sem:
            try:
                await bench.let_in(conf, guest)
            except Exception as e:  # noqa: BLE001
                failed.append(f"{type(e).__name__}: {e}")

    t0 = time.monotonic()
    # Interleaved across conferences, as people of several conferences arrive.
    order = [(c, people[k]) for k in range(a.count) for c, people in zip(confs, guests)]
    await asyncio.gather(*(admitted(c, g) for c, g in order))
    print("scenario signalling-setups")
    print(f"conferences {len(confs)}")
    print(f"guests {sum(len(p) for p in guests)}")
    print(f"let_in_s {time.monotonic() - t0:.1f}")
    print(f"let_in_failed {len(failed)}")
    for e in failed[:3]:
        log("letting in failed:", e)
    await asyncio.sleep(1)  # the stage's last coalesced conf.state
    if a.direct:
        await direct(bench, confs, a.count)
        await asyncio.sleep(1)
    ready = [(c, g) for c, g in order if g.ws and not g.ws.closed and g.user_id]
    lat = Lat()
    in_flight = [0, 0]

    async def one(conf, guest):
        in_flight[0] += 1
        in_flight[1] = max(in_flight[1], in_flight[0])
        try:
            await bench.set_up(conf, guest, lat)
        except Exception as e:  # noqa: BLE001
            lat.errors.append(f"{type(e).__name__}: {e}")
        in_flight[0] -= 1

    log(f"signalling: {len(ready)} set-ups through Kelisim")
    window = Window(a.kelisim_pid, janus_pid)
    start = time.monotonic()
    tasks = []
    for k, (conf, guest) in enumerate(ready):
        await asyncio.sleep(max(0.0, start + k * a.spread / len(ready) - time.monotonic()))
        tasks.append(asyncio.ensure_future(one(conf, guest)))
    await asyncio.gather(*tasks)
    own = window.print("")
    print(f"setups {len(ready)}")
    # CPU a message (Kelisim) and a set-up (Janus): what one core's worth of set-ups costs.
    done = max(1, len(lat.ms["candidate"]))
    print(f"kelisim_cpu_us_per_message {window.kelisim_s / (4 * done) * 1e6:.0f}")
    print(f"janus_cpu_ms_per_setup {window.janus_s / done * 1e3:.2f}")
    print(f"setups_failed {len(lat.errors)}")
    for e in lat.errors[:5]:
        log("set-up failed:", e)
    print(f"spread_s {a.spread}")
    print(f"max_in_flight {in_flight[1]}")
    print(f"load_bound {1 if own > 0.85 * len(os.sched_getaffinity(0)) else 0}")
    print(f"conf_state_events {sum(g.ws.states for p in guests for g in p if g.ws)}")
    print(f"moderator_sockets_closed {sum(1 for c in confs if c.ws.closed)}")
    print_latencies("lat_", lat)


def main():
    Gst.init(None)
    sys.stdout.reconfigure(line_buffering=True)  # what was measured survives a stuck phase
    p = argparse.ArgumentParser()
    p.add_argument("scenario", choices=["joins", "setups"])
    p.add_argument("--base", required=True, help="http://host:port of kelisim serve")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--password", required=True, help="the demo accounts' (seed-demo --password)")
    p.add_argument("--moderator", default="mediator@demo.kelisim.kz")
    p.add_argument("--media", required=True, help="media_load.py setup's directory")
    p.add_argument("--kelisim-pid", type=int, required=True)
    p.add_argument("--conferences", type=int, default=4)
    p.add_argument("--count", type=int, default=250, help="guests per conference")
    p.add_argument("--join-seconds", type=float, default=10.0)
    p.add_argument("--spread", type=float, default=1.0, help="setups: the time over which they start")
    p.add_argument("--parallel", type=int, default=50, help="setups: guests let in at once")
    p.add_argument("--direct", action="store_true", help="setups: the same straight on Janus too")
    p.add_argument("--threads", type=int, default=64, help="threads for webrtcbin's blocking calls")
    p.add_argument("--warmup", type=float, default=3.0)
    p.add_argument("--window", type=float, default=5.0)
    a = p.parse_args()

    async def go():
        bench = Bench(a)
        bench.loop = asyncio.get_running_loop()
        await (joins(bench) if a.scenario == "joins" else setups(bench))
        sys.stdout.flush()

    asyncio.run(go())
    os._exit(0)  # webrtcbin's threads may linger; the figures are printed


if __name__ == "__main__":
    main()
