// Media browser tests: real Chromium (fake camera and microphone) against a real Kelisim with
// its Janus and coturn, inside the network namespaces scripts/test-media.sh makes. Prints
// `ok - name` / `not ok - name`, then `media e2e: N passed, M failed`; exits non-zero on
// failure. "Media flows" is measured as issue 9 defines it: between two getStats() samples
// 2 s apart, inbound video bytes and decoded frames grow, inbound audio grows, and the
// rendered frame is neither blank nor frozen.
// Usage (inside the client namespace): KELISIM_URL=https://10.77.0.1:8443 KELISIM_DEMO_PASSWORD=… node e2e/media/run.mjs [filter]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, closeAll, setBrowser, tests } from './support.mjs';
import './echo.mjs';
import './call.mjs';
import './room-call.mjs';
import './conference.mjs';
import './authorisation.mjs';
import './network.mjs';
import './weak.mjs';

const FILTER = process.argv[2] ?? '';
let browser;

// ---- runner -----------------------------------------------------------------------

let passed = 0;
let failed = 0;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  setBrowser(browser);
  for (const t of tests) {
    if (FILTER && !t.name.includes(FILTER)) continue;
    try {
      // A test that hangs fails instead of holding up the run.
      let timer;
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => {
          const ms = t.timeoutMs ?? 240_000;
          timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
        }),
      ]).finally(() => clearTimeout(timer));
      passed += 1;
      console.log(`ok - ${t.name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${t.name}\n  ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n  ')}`);
    }
    await closeAll();
  }
} finally {
  await browser?.close();
}
console.log(`media e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
