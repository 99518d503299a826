// Browser tests of the public register of mediators (issue 10), registered by run.mjs with
// its helpers. They read the register the server holds (the demo seed: at least two
// professional mediators, one of them suspended, and two public ones, across Kazakh and
// Russian and at least two regions) and expect the page to show the same:
//  - the API client's GET /api/v1/mediators is in the server's openapi.json;
//  - [ru] from the footer, signed out: every mediator listed with the count in words; the
//    kind and the language (Kazakh, or Russian if all speak Kazakh) each narrow the list to what the server answers for that filter
//    (one request per change, the filter in the address, Back restores it); typing a part
//    of a name sends one request after the pause and finds that one mediator;
//  - [ru] a suspended mediator shows the badge, the date and the reason; "only those taking
//    cases now" leaves them out;
//  - [ru] on a slow link (1.5 s a request): the last list stays, busy and dimmed, with "searching",
//    and the summary line and the list do not move when the answer comes;
//  - [kk] a shared link (?kind=professional) in Kazakh: Kazakh labels, kinds, plurals and
//    region names, on a phone and on a desktop.
// Every screen is checked with axe and for sideways scrolling on a 360 px phone.

export function mediatorTests(kit) {
  const { test, open, go, testId, tr, trf, check, inspect, shot, waitLang, BASE } = kit;

  /** The register as the server answers `query` (an object of filters). */
  async function register(query = {}) {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${BASE}/api/v1/mediators${search ? `?${search}` : ''}`);
    check(response.ok, `GET /api/v1/mediators?${search} answered ${response.status}`);
    const body = await response.json();
    check(Array.isArray(body.items), `no "items" in ${JSON.stringify(body).slice(0, 200)}`);
    return body.items;
  }

  /** The demo register, checked to be what these tests need. */
  async function demoRegister() {
    const all = await register();
    const professional = all.filter((m) => m.kind === 'professional');
    const publicOnes = all.filter((m) => m.kind === 'public');
    check(
      all.length >= 4 && professional.length >= 2 && publicOnes.length >= 2,
      `the demo register needs 2 professional and 2 public mediators (is the server seeded with seed-demo?): ${all.map((m) => `${m.name} (${m.kind})`).join(', ')}`,
    );
    check(all.some((m) => m.status === 'suspended'), 'no suspended mediator in the demo register');
    check(new Set(all.flatMap((m) => m.regions)).size >= 2, 'the demo mediators are all in one region');
    return all;
  }

  /** The names on the cards once the page has settled on exactly `expected` (names). */
  async function expectListed(page, expected, label) {
    try {
      await page.waitForFunction(
        (names) => {
          const state = document.querySelector('[data-testid="mediators-count"]')?.getAttribute('data-state');
          const shown = [...document.querySelectorAll('[data-testid="mediator-name"]')].map((h) => h.textContent.trim());
          return state === 'ready' && JSON.stringify(shown.sort()) === JSON.stringify([...names].sort());
        },
        expected,
        { timeout: 10_000 },
      );
    } catch {
      const shown = await page.locator('[data-testid="mediator-name"]').allTextContents();
      throw new Error(`${label}: the page lists ${JSON.stringify(shown)}, the server ${JSON.stringify(expected)}`);
    }
  }

  /** Counts the register's requests the page makes while `action` runs (and a pause after). */
  async function requestsDuring(page, action) {
    const seen = [];
    const listener = (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/mediators') seen.push(url.search);
    };
    page.on('request', listener);
    await action();
    await page.waitForTimeout(1000); // past the typing pause
    page.off('request', listener);
    return seen;
  }

  async function countText(page) {
    return (await page.locator('[data-testid="mediators-count"]').textContent())?.trim();
  }

  test('the API client\'s register of mediators is in the server\'s openapi.json', async () => {
    const response = await fetch(`${BASE}/api/v1/openapi.json`);
    check(response.ok, `openapi.json answered ${response.status}`);
    const spec = await response.json();
    check(spec.paths?.['/api/v1/mediators']?.get, 'GET /api/v1/mediators is not in openapi.json');
  });

  test('[ru] the register of mediators lists, narrows by kind and language, and finds by a part of a name', async (t) => {
    const lang = 'ru';
    const all = await demoRegister();
    const page = await open(t, { lang });
    await go(page, '/');
    await testId(page, 'landing');
    await page.click('[data-testid="footer-mediators"]');
    await testId(page, 'mediators');
    await waitLang(page, lang);
    check(new URL(page.url()).pathname === '/mediators', `at ${page.url()}`);
    const title = (await page.locator('[data-testid="mediators-title"]').textContent())?.trim();
    check(title === tr(lang, 'mediators.title'), `heading "${title}"`);
    await expectListed(page, all.map((m) => m.name), 'the whole register');
    const total = await countText(page);
    check(total === trf(lang, 'mediators.found', { count: all.length }), `count "${total}" for ${all.length}`);
    await inspect(page, `mediators-${lang}`);

    // By kind: one request, the filter in the address, the server's answer on the page.
    const publicOnes = await register({ kind: 'public' });
    check(publicOnes.length < all.length, 'kind=public does not narrow the register');
    const kindRequests = await requestsDuring(page, () => page.selectOption('#mediators-kind', 'public'));
    check(kindRequests.length === 1 && kindRequests[0] === '?kind=public', `requests for kind: ${JSON.stringify(kindRequests)}`);
    check(new URL(page.url()).searchParams.get('kind') === 'public', `address ${page.url()}`);
    await expectListed(page, publicOnes.map((m) => m.name), 'kind=public');
    const kinds = await page.locator('[data-testid="mediator"]').evaluateAll((cards) => cards.map((c) => c.dataset.kind));
    check(kinds.every((k) => k === 'public'), `kinds shown: ${kinds}`);
    const kindLines = await page.locator('[data-testid="mediator-kind"]').allTextContents();
    check(kindLines.every((k) => k.trim() === tr(lang, 'mediators.kind.public')), `kind lines: ${kindLines}`);
    await inspect(page, `mediators-public-${lang}`);

    // Back: the whole register again, the filter cleared.
    await page.goBack();
    await expectListed(page, all.map((m) => m.name), 'back to the whole register');
    check((await page.inputValue('#mediators-kind')) === '', 'the kind filter is still set after Back');

    // By language: Kazakh (or else Russian) narrows the list to those who mediate in it.
    let language = 'kk';
    let inLanguage = await register({ language });
    if (inLanguage.length === all.length) {
      language = 'ru';
      inLanguage = await register({ language });
    }
    check(inLanguage.length > 0 && inLanguage.length < all.length, `neither kk nor ru narrows the ${all.length} mediators`);
    await page.selectOption('#mediators-language', language);
    await expectListed(page, inLanguage.map((m) => m.name), `language=${language}`);
    const languages = await page.locator('[data-testid="mediator-languages"]').allTextContents();
    const languageName = tr(lang, `mediators.languageName.${language}`);
    check(languages.every((l) => l.toLowerCase().includes(languageName)), `languages shown: ${languages}`);
    await page.click('[data-testid="mediators-clear"]');
    await expectListed(page, all.map((m) => m.name), 'filters cleared');
    check(new URL(page.url()).search === '', `address after clearing: ${page.url()}`);

    // A part of a name that only one mediator has (whatever the case), typed key by key as
    // the name writes it: one request after the pause.
    const lower = (s) => s.toLocaleLowerCase('ru');
    const wanted = all.find((m) =>
      m.name.split(/\s+/).some((word) => word.length >= 4 && all.filter((o) => lower(`${o.name} ${o.keeper}`).includes(lower(word.slice(0, 4)))).length === 1),
    );
    check(wanted, 'no demo mediator has a name part of its own');
    const word = wanted.name.split(/\s+/).find(
      (w) => w.length >= 4 && all.filter((o) => lower(`${o.name} ${o.keeper}`).includes(lower(w.slice(0, 4)))).length === 1,
    );
    const part = word.slice(0, 4);
    const typed = await requestsDuring(page, () => page.locator('#mediators-q').pressSequentially(part, { delay: 80 }));
    check(typed.length === 1, `typing "${part}" made ${typed.length} requests: ${JSON.stringify(typed)}`);
    check(new URL(page.url()).searchParams.get('q') === part, `address ${page.url()}`);
    await expectListed(page, [wanted.name], `search "${part}"`);
    const one = await countText(page);
    check(one === trf(lang, 'mediators.found', { count: 1 }), `count "${one}" for one`);
    await inspect(page, `mediators-search-${lang}`);

    // Nobody by that name: the empty state.
    await page.fill('#mediators-q', 'Щщщщщ');
    await page.press('#mediators-q', 'Enter');
    await testId(page, 'mediators-empty');
    check((await countText(page)) === tr(lang, 'mediators.noneFound'), `empty count "${await countText(page)}"`);
    await inspect(page, `mediators-empty-${lang}`);
  });

  test('[ru] a suspended mediator shows the badge, the date and the reason', async (t) => {
    const lang = 'ru';
    const all = await demoRegister();
    const suspended = all.find((m) => m.status === 'suspended');
    const page = await open(t, { lang });
    await go(page, '/mediators');
    await testId(page, 'mediators');
    await expectListed(page, all.map((m) => m.name), 'the whole register');
    const card = page.locator(`[data-testid="mediator"][data-id="${suspended.id}"]`);
    check((await card.getAttribute('data-status')) === 'suspended', 'the card is not marked suspended');
    const badge = (await card.locator('[data-testid="mediator-status-label"]').textContent())?.trim();
    check(badge === tr(lang, 'mediators.status.suspended'), `badge "${badge}"`);
    if (suspended.status_reason) {
      const reason = (await card.locator('[data-testid="mediator-status-reason"]').textContent())?.trim();
      check(reason === suspended.status_reason.trim(), `reason "${reason}", the register says "${suspended.status_reason}"`);
    }
    if (suspended.status_since) {
      const since = (await card.locator('[data-testid="mediator-status-since"]').textContent())?.trim() ?? '';
      check(since.includes(suspended.status_since.slice(0, 4)), `since "${since}" for ${suspended.status_since}`);
    }
    const active = all.filter((m) => m.status === 'active');
    for (const m of active.slice(0, 2)) {
      const other = page.locator(`[data-testid="mediator"][data-id="${m.id}"] [data-testid="mediator-status"]`);
      check((await other.count()) === 0, `${m.name} is active but shows a status`);
    }
    await card.scrollIntoViewIfNeeded();
    await inspect(page, `mediators-suspended-${lang}`);

    // Only those who take cases now.
    await page.check('#mediators-active');
    await expectListed(page, (await register({ status: 'active' })).map((m) => m.name), 'status=active');
    check((await card.count()) === 0, 'the suspended mediator is still listed');
    check(new URL(page.url()).searchParams.get('status') === 'active', `address ${page.url()}`);
  });

  test('[ru] the register of mediators on a slow link keeps its list and its controls in place while it searches', async (t) => {
    const lang = 'ru';
    const all = await demoRegister();
    const publicOnes = await register({ kind: 'public' });
    const page = await open(t, { lang });
    await go(page, '/mediators');
    await expectListed(page, all.map((m) => m.name), 'the whole register');
    // A weak mobile link: 1.5 s for each answer, 50 kB/s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 1500,
      downloadThroughput: 50_000,
      uploadThroughput: 20_000,
    });
    const top = (selector) => page.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));
    const before = { summary: await top('.mediators__summary'), list: await top('[data-testid="mediators-list"]') };
    await page.selectOption('#mediators-kind', 'public');
    // While the answer is on its way: the last list stays, dimmed and marked busy, and says so.
    await page.locator('[data-testid="mediators-count"][data-state="loading"]').waitFor();
    const busy = await page.locator('[data-testid="mediators-list"]').getAttribute('aria-busy');
    check(busy === 'true', `the list is not busy while loading (aria-busy=${busy})`);
    check((await page.locator('[data-testid="mediator"]').count()) === all.length, 'the list emptied while loading');
    const searching = await countText(page);
    check(searching === tr(lang, 'mediators.searching'), `while loading: "${searching}"`);
    await shot(page, `mediators-loading-${lang}`);
    await expectListed(page, publicOnes.map((m) => m.name), 'kind=public on a slow link');
    const after = { summary: await top('.mediators__summary'), list: await top('[data-testid="mediators-list"]') };
    check(
      JSON.stringify(after) === JSON.stringify(before),
      `the controls moved: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
    );
    await cdp.detach();
  });

  test('[kk] a shared link to the professional mediators, in Kazakh', async (t) => {
    const lang = 'kk';
    const professional = await register({ kind: 'professional' });
    const regions = (await (await fetch(`${BASE}/api/v1/regions`)).json()).items;
    const page = await open(t, { lang });
    await go(page, '/mediators?kind=professional');
    await testId(page, 'mediators');
    await waitLang(page, lang);
    await expectListed(page, professional.map((m) => m.name), 'kind=professional');
    const title = (await page.locator('[data-testid="mediators-title"]').textContent())?.trim();
    check(title === tr(lang, 'mediators.title'), `heading "${title}"`);
    for (const [selector, key] of [
      ['label[for="mediators-q"]', 'mediators.query'],
      ['label[for="mediators-region"]', 'mediators.region'],
      ['label[for="mediators-language"]', 'mediators.language'],
      ['label[for="mediators-specialisation"]', 'mediators.specialisationLabel'],
      ['label[for="mediators-kind"]', 'mediators.kindLabel'],
      ['label[for="mediators-active"]', 'mediators.activeOnly'],
    ]) {
      const label = (await page.locator(selector).textContent())?.trim();
      check(label === tr(lang, key), `${selector}: "${label}", expected ${lang}:${key}`);
    }
    check((await page.inputValue('#mediators-kind')) === 'professional', 'the shared filter is not shown');
    const count = (await page.locator('[data-testid="mediators-count"]').textContent())?.trim();
    check(count === trf(lang, 'mediators.found', { count: professional.length }), `count "${count}"`);
    const kinds = await page.locator('[data-testid="mediator-kind"]').allTextContents();
    check(kinds.every((k) => k.trim() === tr(lang, 'mediators.kind.professional')), `kinds: ${kinds}`);
    const keepers = await page.locator('[data-testid="mediator"] dt').allTextContents();
    check(keepers.includes(tr(lang, 'mediators.keeper.professional')), `no "${tr(lang, 'mediators.keeper.professional')}" label`);
    // Region names in Kazakh, from GET /regions.
    const first = professional[0];
    const name = regions.find((r) => r.code === first.regions[0])?.name?.kk;
    const shown = (await page.locator(`[data-testid="mediator"][data-id="${first.id}"] [data-testid="mediator-regions"]`).textContent()) ?? '';
    check(name && shown.includes(name), `regions "${shown}", expected to include "${name}"`);
    await inspect(page, `mediators-professional-${lang}`);

    const wide = await open(t, { lang, viewport: { width: 1280, height: 800 } });
    await go(wide, '/mediators?kind=professional');
    await waitLang(wide, lang);
    await expectListed(wide, professional.map((m) => m.name), 'kind=professional on a desktop');
    await inspect(wide, `desktop-mediators-${lang}`);
  });
}
