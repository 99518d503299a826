// A weak link for the media browser tests (issue 9, test 6): a network namespace of its own for
// one person's Chromium, joined to the server's namespace by a veth pair, whose link is shaped
// like a poor mobile connection:
//   - upload: a token bucket (tc tbf) on the person's end of the veth;
//   - download: the veth's ingress redirected (tc mirred) to an ifb device, shaped the same
//     way there (tbf only shapes what leaves a device);
//   - random loss of UDP (the media; the site's TCP connection is only slowed) both ways with
//     nftables: `numgen random mod 100 < N drop` (the kernel has no netem).
// Addresses: the person 10.77.9.2, the server's end 10.77.9.1, a route to the server's
// 10.77.0.0/24 and nothing else. Needs root (run inside scripts/test-media.sh, which names the
// server's namespace in KELISIM_MEDIA_SRV_NS). close() removes everything.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const sh = (cmd, ...args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
const quietly = (cmd, ...args) => {
  try {
    sh(cmd, ...args);
  } catch {
    // Already gone.
  }
};

export const WEAK_ADDRESS = '10.77.9.2';

// The Chromium flags of run.mjs: fake devices, real addresses in candidates.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/** Makes the weak namespace and a Chromium inside it; the link is unshaped until told. */
export async function weakLink() {
  const srv = process.env.KELISIM_MEDIA_SRV_NS ?? '';
  if (!/^kmsrv\d+$/.test(srv)) throw new Error(`KELISIM_MEDIA_SRV_NS is not set (${srv})`);
  const tag = srv.slice('kmsrv'.length);
  const ns = `kmweak${tag}`;
  const dev = `kw${tag}`;
  const peer = `ksw${tag}`;
  const ifb = `kwi${tag}`;
  const inNs = (...args) => sh('ip', 'netns', 'exec', ns, ...args);
  const folder = mkdtempSync(join(tmpdir(), 'kelisim-weak-'));
  let browser = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    quietly('ip', 'netns', 'del', ns);
    quietly('ip', '-n', srv, 'link', 'del', peer);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    sh('ip', 'netns', 'add', ns);
    inNs('sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
    sh('ip', 'link', 'add', dev, 'type', 'veth', 'peer', 'name', peer);
    sh('ip', 'link', 'set', dev, 'netns', ns);
    sh('ip', 'link', 'set', peer, 'netns', srv);
    sh('ip', '-n', ns, 'addr', 'add', `${WEAK_ADDRESS}/24`, 'dev', dev);
    sh('ip', '-n', srv, 'addr', 'add', '10.77.9.1/24', 'dev', peer);
    sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
    sh('ip', '-n', ns, 'link', 'set', dev, 'up');
    sh('ip', '-n', srv, 'link', 'set', peer, 'up');
    sh('ip', '-n', ns, 'route', 'add', '10.77.0.0/24', 'via', '10.77.9.1');
    // The download's way through a shaper: the veth's ingress goes out of the ifb device.
    sh('ip', '-n', ns, 'link', 'add', ifb, 'type', 'ifb');
    sh('ip', '-n', ns, 'link', 'set', ifb, 'up');
    inNs('tc', 'qdisc', 'add', 'dev', dev, 'handle', 'ffff:', 'ingress');
    inNs('tc', 'filter', 'add', 'dev', dev, 'parent', 'ffff:', 'protocol', 'all', 'u32', 'match', 'u32', '0', '0',
      'action', 'mirred', 'egress', 'redirect', 'dev', ifb);
    inNs('nft', 'add', 'table', 'inet', 'weak');
    inNs('nft', 'add', 'chain', 'inet', 'weak', 'in', '{ type filter hook input priority 0; }');
    inNs('nft', 'add', 'chain', 'inet', 'weak', 'out', '{ type filter hook output priority 0; }');
    // Chromium in the namespace: Playwright talks to it over a pipe, which crosses namespaces.
    const wrapper = join(folder, 'chromium');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec ip netns exec ${ns} ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`,
      { mode: 0o755 },
    );
    browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
  } catch (e) {
    await close();
    throw e;
  }

  /** Both ways capped at `kbit` kbit/s (null: no cap). */
  const cap = (kbit) => {
    for (const device of [dev, ifb]) {
      if (kbit === null) {
        quietly('ip', 'netns', 'exec', ns, 'tc', 'qdisc', 'del', 'dev', device, 'root');
        continue;
      }
      // A burst of a tenth of a second (at least two full packets) and at most 300 ms queued.
      const burst = Math.max(3_000, Math.round((kbit * 1000) / 8 / 10));
      inNs('tc', 'qdisc', 'replace', 'dev', device, 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', String(burst),
        'latency', '300ms');
    }
  };

  /** `percent` % of UDP packets dropped each way (0: none). */
  const loss = (percent) => {
    for (const chain of ['in', 'out']) {
      inNs('nft', 'flush', 'chain', 'inet', 'weak', chain);
      if (percent > 0) {
        inNs('nft', 'add', 'rule', 'inet', 'weak', chain, 'meta', 'l4proto', 'udp', 'numgen', 'random', 'mod', '100',
          '<', String(percent), 'drop');
      }
    }
  };

  /** What the shapers did so far (bytes sent and dropped), for the log. */
  const counters = () =>
    execFileSync('ip', ['netns', 'exec', ns, 'tc', '-s', 'qdisc', 'show'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /qdisc tbf|Sent/.test(line))
      .join(' | ');

  return { ns, browser, cap, loss, counters, close };
}
