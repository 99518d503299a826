// The device check: Chromium and Janus's EchoTest through Kelisim, by hand and through /check.
import { execFileSync } from 'node:child_process';
import { BASE, check, connected, expectFlow, newPage, picture, sample, signIn, test } from './support.mjs';

// The signalling a page does, by hand: offer, trickled candidates, answer; one codec per
// kind keeps the offer under the engine's request size. Gathered candidate types go to
// window.__gathered.
async function echoByHand(page, configuration) {
  return page.evaluate(async (configuration) => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const pc = new RTCPeerConnection(configuration);
    window.__gathered = [];
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendrecv' });
      const caps = RTCRtpReceiver.getCapabilities(track.kind).codecs;
      const keep = caps.filter((c) => (track.kind === 'video' ? /VP8|rtx/i : /opus/i).test(c.mimeType));
      t.setCodecPreferences(keep);
    }
    const video = document.createElement('video');
    video.id = 'echo-remote';
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    document.body.appendChild(video);
    const audio = document.createElement('audio');
    audio.autoplay = true;
    document.body.appendChild(audio);
    pc.ontrack = (e) => {
      if (e.track.kind === 'video') video.srcObject = new MediaStream([e.track]);
      else audio.srcObject = new MediaStream([e.track]);
    };
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    window.__echoSocket = ws;
    const answered = new Promise((resolve, reject) => {
      ws.onmessage = (m) => {
        const e = JSON.parse(m.data);
        if (e.type === 'echo.answer') resolve(e.sdp);
        if (e.type === 'error') reject(new Error(JSON.stringify(e)));
      };
    });
    pc.onicecandidate = (e) => {
      if (e.candidate) window.__gathered.push(e.candidate.type);
      const msg = e.candidate
        ? { type: 'echo.candidate', candidate: e.candidate.toJSON() }
        : { type: 'echo.candidate', completed: true };
      ws.send(JSON.stringify(msg));
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    ws.send(JSON.stringify({ type: 'echo.offer', sdp: offer.sdp }));
    const sdp = await answered;
    await pc.setRemoteDescription({ type: 'answer', sdp });
    return { offerBytes: offer.sdp.length };
  }, configuration);
}

async function mediaInfo(page) {
  const info = await page.evaluate(async () => (await fetch('/api/v1/media')).json());
  check(info.calls === true, `calls are off: ${JSON.stringify(info)}`);
  return info;
}

// Rules for the client's namespace (the runner is in it, as root); removed by the test.
function nft(rules) {
  execFileSync('nft', ['-f', '-'], { input: rules });
}

test('Chromium completes DTLS with Janus 1.1.2 through the echo test, signalled over /ws only', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  const info = await mediaInfo(page);
  const result = await echoByHand(page, { iceServers: info.ice_servers });
  check(result.offerBytes < info.max_sdp_bytes, `offer of ${result.offerBytes} bytes`);
  const s = await connected(page);
  check(s.transport.tls === 'FEFD', `DTLS version ${s.transport.tls}, expected FEFD (DTLS 1.2)`);
  check(s.local?.type === 'host', `selected local candidate ${JSON.stringify(s.local)}`);
  await expectFlow(page);
  const one = await picture(page, '#echo-remote');
  await page.waitForTimeout(500);
  const two = await picture(page, '#echo-remote');
  check(one.variance > 10, `the echoed picture is blank (variance ${one.variance})`);
  check(one.print !== two.print, 'the echoed picture is frozen');
  // Hang-up: the page's connection closes and the engine's handle goes with it.
  await page.evaluate(() => window.__echoSocket.close());
  await page.context().close();
});

test('TURN over UDP: with relay only, the selected candidate is a relay and media flows', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  const info = await mediaInfo(page);
  const udp = info.ice_servers.map((server) => ({ ...server, urls: server.urls.filter((u) => u.endsWith('transport=udp')) }));
  await echoByHand(page, { iceServers: udp, iceTransportPolicy: 'relay' });
  const s = await connected(page);
  check(s.local?.type === 'relay', `selected local candidate ${JSON.stringify(s.local)}`);
  check(s.local.relayProtocol === 'udp', `relayed over ${s.local.relayProtocol}`);
  await expectFlow(page);
});

test('TURN over TCP: with UDP blocked, the citizen connects through a relay over TCP', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  const info = await mediaInfo(page);
  nft(`table inet kelisim_media_test {
  chain out {
    type filter hook output priority 0; policy accept;
    ip daddr 10.77.0.1 meta l4proto udp drop
  }
}
`);
  try {
    await echoByHand(page, { iceServers: info.ice_servers });
    const s = await connected(page);
    check(s.local?.type === 'relay' && s.local.relayProtocol === 'tcp', `selected local candidate ${JSON.stringify(s.local)}`);
    await expectFlow(page);
  } finally {
    nft('delete table inet kelisim_media_test');
  }
});

test('TURN: an expired credential gets no relay', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  const info = await mediaInfo(page);
  // The same person's credential as it would read had it expired a minute ago.
  const [server] = info.ice_servers;
  const who = server.username.slice(server.username.indexOf(':') + 1);
  const expired = { ...server, username: `${Math.floor(Date.now() / 1000) - 60}:${who}` };
  await echoByHand(page, { iceServers: [expired], iceTransportPolicy: 'relay' }).catch(() => {});
  await page.waitForTimeout(4000);
  const gathered = await page.evaluate(() => window.__gathered);
  const state = await page.evaluate(() => window.__peerConnections.at(-1).iceConnectionState);
  check(!gathered.includes('relay'), `a relay was allocated: ${JSON.stringify(gathered)}`);
  check(state !== 'connected' && state !== 'completed', `ICE ${state}`);
});

test('device check: fake devices listed, the level meter moves, the echo verdict is "video"', async () => {
  const page = await newPage();
  await signIn(page, 'citizen@demo.kelisim.kz');
  await page.goto(`${BASE}/check`);
  await page.waitForSelector('[data-testid="check-page"]');
  await page.click('[data-testid="check-start"]');
  await page.waitForSelector('[data-testid="camera-select"] option', { state: 'attached' });
  const cameras = await page.locator('[data-testid="camera-select"] option').count();
  const mics = await page.locator('[data-testid="mic-select"] option').count();
  check(cameras >= 1 && mics >= 1, `devices listed: ${cameras} cameras, ${mics} microphones`);
  // The fake microphone beeps: the meter rises above 0 within a few seconds.
  let level = 0;
  const until = Date.now() + 8000;
  while (Date.now() < until && level <= 0.01) {
    level = Number(await page.getAttribute('[data-testid="mic-level"]', 'data-level'));
    await page.waitForTimeout(100);
  }
  check(level > 0.01, `the level meter did not move (${level})`);
  await page.click('[data-testid="start-echo"]');
  await page.waitForSelector('[data-testid="echo-verdict"][data-verdict]', { timeout: 40_000 });
  const verdict = await page.getAttribute('[data-testid="echo-verdict"]', 'data-verdict');
  check(verdict === 'video', `verdict ${verdict}`);
  const s = await sample(page, (await page.evaluate(() => window.__peerConnections.length)) - 1);
  check(s.transport?.dtls === 'connected' && s.transport.tls === 'FEFD', `DTLS ${JSON.stringify(s.transport)}`);
  await page.context().close();
});

// A page's side of a call, as the room page will do it: publish once, receive each other
// member whose media flows (told by call.joined or call.member), everything over /ws.
// Receiving connections are kept in window.__receivers[feed].
