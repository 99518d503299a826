// Browser tests of accounts (registered by run.mjs with its helpers), reading the mail the
// server writes under KELISIM_DATA_DIR:
//  - [ru/kk] a coordinator invites a specialist (and sends the invitation again); the
//    specialist opens the mailed link on another device in Kazakh, sets a password and is
//    home; the coordinator sets their capacity, then deactivates them: the specialist's open
//    desk says at once that they are signed out, and signing in is refused in the server's words;
//    reactivated, they sign in again.
//  - [kk] a forgotten password: the same calm answer for an unknown address (and no mail),
//    the mailed link sets a new password and signs in, and the used link then says so.
//  - [ru] the account page: a wrong current password is shown at its field, a change signs
//    out the account's other devices, and "sign out on all devices" ends this one too.
// Every new screen is checked with axe on a phone width.

export function accountTests(kit) {
  const { test, open, go, testId, signIn, submit, expectHome, tr, trf, check, inspect, htmlLang, mailbox, DEMO, RUN } = kit;

  /** Fails with the answer's body unless `response` has `status`. */
  async function expectStatus(response, label, status) {
    if (response.status() === status) return;
    throw new Error(`${label} answered ${response.status()}: ${await response.text().catch(() => '')}`);
  }

  /** Opens a mailed /set-password#… link, sets `password` and lands on the home page. */
  async function setPasswordFromLink(page, link, password, role) {
    await go(page, link);
    // Taken from the address bar at once (also when only the hash changed, in the same tab).
    await page.waitForFunction(() => window.location.hash === '');
    await testId(page, 'set-password-for');
    await page.fill('#password', password);
    await page.fill('#password_confirm', password);
    const answer = await submit(page, '[data-testid="set-password-submit"]', '/api/v1/auth/set-password');
    await expectStatus(answer, 'set-password', 200);
    return expectHome(page, role);
  }

  /** A new citizen signed up in the browser; their page stays signed in. */
  async function newCitizen(t, lang, label) {
    const page = await open(t, { lang });
    const email = `e2e-${RUN}-${label}@example.kz`;
    const password = 'Citizen-pass-42';
    await go(page, '/sign-up');
    await testId(page, 'sign-up');
    await page.fill('#display_name', { kk: 'Гүлнар Әбілова', ru: 'Ольга Ким' }[lang] ?? 'Test');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.fill('#password_confirm', password);
    await page.check('#consent');
    await expectStatus(await submit(page, '[data-testid="sign-up-submit"]', '/api/v1/auth/sign-up'), 'sign-up', 201);
    await expectHome(page, 'citizen');
    return { page, email, password };
  }

  /** The staff list's row of `email`, its "Manage" panel opened. */
  async function manage(page, email) {
    const row = page.locator('[data-testid="user-list"] li', { hasText: email });
    await row.waitFor();
    const details = row.locator('details.manage');
    if (!(await details.evaluate((d) => d.open))) await row.locator('[data-testid="user-manage"]').click();
    return row;
  }

  test('[ru/kk] a coordinator invites a specialist, who sets a password from the mail; deactivated, their page is signed out', async (t) => {
    const lang = 'ru';
    const coordinator = await open(t, { lang });
    await signIn(coordinator, DEMO.coordinator);
    await expectHome(coordinator, 'coordinator');
    const inbox = mailbox();
    const email = `e2e-${RUN}-invited@example.kz`;
    const name = `Ерлан Қасымов ${RUN}`;
    await coordinator.fill('#staff-display_name', name);
    await coordinator.fill('#staff-email', email);
    await coordinator.check('#staff-kinds input[value="mediator"]');
    check(await coordinator.isChecked('[data-testid="staff-capacity-1"]'), 'capacity is not 1 by default');
    const invited = await submit(coordinator, '[data-testid="staff-submit"]', '/api/v1/users');
    await expectStatus(invited, 'invitation', 201);
    // The answer has arrived; the page says so once it has rendered it.
    const said_here = coordinator.locator('[data-testid="staff-invited"]');
    await said_here.filter({ hasText: email }).waitFor({ timeout: 5000 }).catch(() => {});
    const said = await said_here.textContent();
    check(said === trf(lang, 'staffForm.invited', { email }), `after inviting: "${said}"`);

    // Invited, said in words; the invitation goes again from the list.
    const row = await manage(coordinator, email);
    const badge = await row.locator('[data-testid="user-status"]').textContent();
    check(badge === tr(lang, 'users.status.invited'), `status "${badge}"`);
    await inspect(coordinator, `accounts-staff-invited-${lang}`);
    const resent = coordinator.waitForResponse((r) => r.url().endsWith('/invitation') && r.request().method() === 'POST');
    await row.locator('[data-testid="user-resend"]').click();
    await expectStatus(await resent, 'resend invitation', 202);
    await row.locator('[data-testid="user-done"]', { hasText: email }).waitFor();

    // The specialist opens the newest link on their own phone, in Kazakh.
    const link = await inbox.linkTo(email, { count: 2 });
    const specialist = await open(t, { lang: 'kk' });
    await go(specialist, link);
    await testId(specialist, 'set-password-for');
    const title = (await specialist.locator('h1').textContent())?.trim();
    check(title === trf('kk', 'setPassword.welcome', { name }), `set-password heading "${title}"`);
    await specialist.fill('#password', 'short');
    await specialist.click('[data-testid="set-password-submit"]');
    await specialist.locator('#password[aria-invalid="true"]').waitFor();
    await inspect(specialist, 'accounts-set-password-kk');
    const home = await setPasswordFromLink(specialist, link, 'Specialist-pass-7', 'specialist');
    check(new URL(specialist.url()).pathname === '/home', `specialist at ${specialist.url()}`);

    // Active now; the coordinator lets them hold two consultations at once.
    await coordinator.reload();
    const active = await manage(coordinator, email);
    check((await active.getAttribute('data-status')) === 'active', 'not active after setting a password');
    await active.locator('[data-testid$="-capacity-2"]').check();
    const patched = coordinator.waitForResponse((r) => r.request().method() === 'PATCH');
    await active.locator('[data-testid="user-save"]').click();
    const patch = await patched;
    await expectStatus(patch, 'capacity', 200);
    check((await patch.json()).capacity === 2, 'capacity not saved');

    // Deactivated after a confirmation: the specialist's open desk (its live socket closed
    // by the server) shows at once that they are signed out, without a click.
    await specialist.click('[data-testid="action-duty"]');
    await testId(specialist, 'desk');
    await specialist.locator('[data-testid="connection-banner"][data-state="open"]').waitFor({ state: 'attached' });
    await active.locator('[data-testid="user-deactivate"]').click();
    await inspect(coordinator, `accounts-deactivate-confirm-${lang}`);
    const deactivated = coordinator.waitForResponse((r) => r.url().endsWith('/deactivate'));
    await active.locator('[data-testid="user-deactivate-confirm"]').click();
    await expectStatus(await deactivated, 'deactivate', 200);
    await coordinator.locator(`[data-testid="user-list"] li[data-status="deactivated"]`, { hasText: email }).waitFor();
    const gone = (await active.locator('[data-testid="user-status"]').textContent())?.trim();
    check(gone === tr(lang, 'users.status.deactivated'), `status "${gone}"`);

    await testId(specialist, 'sign-in');
    const ended = (await specialist.locator('[data-testid="app-status"]').textContent())?.trim();
    check(ended === tr(home.lang, 'errors.sessionExpired'), `after deactivation: "${ended}"`);
    const refused = await signIn(specialist, email, 'Specialist-pass-7');
    await expectStatus(refused, 'sign-in when deactivated', 403);
    check(((await (await testId(specialist, 'form-error')).textContent()) ?? '').trim() !== '', 'no reason shown');

    // Reactivated, they sign in again.
    const back = coordinator.waitForResponse((r) => r.url().endsWith('/reactivate'));
    await active.locator('[data-testid="user-reactivate"]').click();
    await expectStatus(await back, 'reactivate', 200);
    await expectStatus(await signIn(specialist, email, 'Specialist-pass-7'), 'sign-in when reactivated', 200);
    await expectHome(specialist, 'specialist');
  });

  test('[kk] a forgotten password: a mailed link sets a new one and signs in, once', async (t) => {
    const lang = 'kk';
    const { email } = await newCitizen(t, lang, 'forgot');
    const page = await open(t, { lang });
    await go(page, '/sign-in');
    await page.click('[data-testid="forgot-password-link"]');
    await testId(page, 'forgot-password');
    await inspect(page, `accounts-forgot-password-${lang}`);
    const inbox = mailbox();

    // An address without an account gets the same answer, and no mail.
    const unknown = `e2e-${RUN}-nobody@example.kz`;
    await page.fill('#email', unknown);
    await expectStatus(await submit(page, '[data-testid="forgot-password-submit"]', '/api/v1/auth/password-reset'), 'reset', 202);
    const sameAnswer = (await (await testId(page, 'forgot-password-sent')).textContent())?.trim();
    check(sameAnswer === tr(lang, 'forgotPassword.sent'), `answer "${sameAnswer}"`);

    await go(page, '/forgot-password');
    await page.fill('#email', email);
    await expectStatus(await submit(page, '[data-testid="forgot-password-submit"]', '/api/v1/auth/password-reset'), 'reset', 202);
    const answer = (await (await testId(page, 'forgot-password-sent')).textContent())?.trim();
    check(answer === sameAnswer, `known and unknown addresses answered differently: "${answer}"`);
    await inspect(page, `accounts-forgot-password-sent-${lang}`);

    const link = await inbox.linkTo(email);
    check(!inbox.hasMailTo(unknown), 'mail went to an address without an account');
    const phone = await open(t, { lang });
    await go(phone, link);
    await testId(phone, 'set-password-for');
    const title = (await phone.locator('h1').textContent())?.trim();
    check(title === tr(lang, 'setPassword.resetTitle'), `heading "${title}"`);
    await setPasswordFromLink(phone, link, 'New-password-2026', 'citizen');

    // Used once: the same link now leads to asking for a new one.
    const again = await open(t, { lang });
    await go(again, link);
    await testId(again, 'set-password-unusable');
    const href = await again.locator('[data-testid="set-password-new-link"]').getAttribute('href');
    check(href === '/forgot-password', `new-link href ${href}`);
    await inspect(again, `accounts-link-used-${lang}`);
    // The new password works.
    await expectStatus(await signIn(again, email, 'New-password-2026'), 'sign-in with the new password', 200);
    await expectHome(again, 'citizen');
  });

  test('[ru] the account page changes the password and signs out on all devices', async (t) => {
    const lang = 'ru';
    const { page, email, password } = await newCitizen(t, lang, 'account');
    const other = await open(t, { lang });
    await expectStatus(await signIn(other, email, password), 'sign-in on a second device', 200);
    await expectHome(other, 'citizen');

    await page.click('[data-testid="header-user"]');
    await testId(page, 'account');
    await inspect(page, `accounts-account-${lang}`);
    await page.fill('#current_password', 'not-the-password');
    await page.fill('#new_password', 'Changed-pass-2026');
    await page.fill('#new_password_confirm', 'Changed-pass-2026');
    const wrong = await submit(page, '[data-testid="change-password-submit"]', '/api/v1/me/password');
    await expectStatus(wrong, 'wrong current password', 422);
    await page.locator('#current_password[aria-invalid="true"]').waitFor();
    check(((await page.locator('#current_password-error').textContent()) ?? '').trim() !== '', 'no error at the field');
    await inspect(page, `accounts-wrong-password-${lang}`);
    await page.fill('#current_password', password);
    await expectStatus(await submit(page, '[data-testid="change-password-submit"]', '/api/v1/me/password'), 'change', 204);
    const changed = (await (await testId(page, 'password-changed')).textContent())?.trim();
    check(changed === tr(lang, 'account.passwordChanged'), `after the change: "${changed}"`);

    // The other device is signed out at its next step; this one stays.
    await other.click('[data-testid="action-tickets"]');
    await testId(other, 'sign-in');
    await page.click('[data-testid="header-user"]');
    await testId(page, 'account');

    // Everywhere, this device too.
    await page.click('[data-testid="sign-out-everywhere"]');
    const everywhere = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/sign-out-everywhere');
    await page.click('[data-testid="sign-out-everywhere-confirm"]');
    await expectStatus(await everywhere, 'sign-out-everywhere', 204);
    await testId(page, 'landing');
    const status = (await page.locator('[data-testid="app-status"]').textContent())?.trim();
    check(status === tr(lang, 'status.signedOutEverywhere'), `after signing out everywhere: "${status}"`);
    await expectStatus(await signIn(other, email, 'Changed-pass-2026'), 'sign-in with the changed password', 200);
    check((await htmlLang(other)) === lang, 'language changed');
  });
}
