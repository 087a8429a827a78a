// The partner console end to end: the real server (SQLite, demo data) and Debian's chromium.
// Each identity logs in and walks its screens (axe: no serious violation, no console error,
// screenshots at desktop and phone width under target/console-screenshots/), then the main flows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, operator, launch, axe, shot, PASSWORD, OPERATOR } from './harness.mjs';

let srv;
let browser;
const errors = [];

before(async () => {
  srv = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  srv?.child.kill('SIGTERM');
});

async function open(user, { locale = 'en-US', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  const page = await context.newPage();
  // API refusals the test provokes log 'Failed to load resource'; anything else (a CSP refusal, a
  // script error) fails the test.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${user}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
  await page.goto(`${srv.base}/console/`);
  if (user) await login(page, user);
  return page;
}

async function login(page, user, password = PASSWORD) {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation').waitFor();
}

async function go(page, name) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && !document.body.textContent.includes('Loading…'));
}

const region = (page, name) => page.getByRole('region', { name, exact: true });

async function choose(select, text) {
  const value = await select.evaluate((el, t) => {
    const o = Array.from(el.options).find((x) => x.textContent.includes(t));
    return o ? o.value : null;
  }, text);
  assert.ok(value, `no option with ${text}`);
  await select.selectOption(value);
}

async function eventually(check, what) {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`never: ${what}`);
}

function noErrors() {
  const seen = errors.splice(0);
  assert.deepEqual(seen, [], `console errors:\n${seen.join('\n')}`);
}

const SCREENS = {
  'demo-dist-admin': ['Funds', 'Customers', 'Resellers', 'Coupons', 'Payment requests', 'Opportunities', 'Leads'],
  'demo-reseller-1-admin': ['Funds', 'Customers', 'Resellers', 'Coupons', 'Payment requests', 'Opportunities', 'Leads'],
  'demo-customer-a': ['Balances', 'Orders', 'My coupons', 'Invitations'],
};

test('every identity logs in; every screen passes axe at desktop and phone width', async () => {
  const page = await open(null);
  assert.deepEqual(await axe(page), [], 'login screen');
  await shot(page, 'login-desktop');
  await page.context().close();
  for (const [user, screens] of Object.entries(SCREENS)) {
    for (const [kind, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
      const p = await open(user, { width, height });
      for (const name of screens) {
        await go(p, name);
        const v = await axe(p);
        assert.deepEqual(v, [], `${user} ${name} ${kind}`);
        const text = await p.locator('main').innerText();
        assert.doesNotMatch(text, /\b(null|undefined|NaN|\[object Object\])\b/, `${user} ${name}`);
        await shot(p, `${user}-${name.toLowerCase().replace(/ /g, '-')}-${kind}`);
        if (kind === 'phone') {
          const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `${user} ${name}: the page is ${overflow}px wider than the phone`);
        }
      }
      await p.context().close();
    }
  }
  noErrors();
});

test('a wrong password shows the code and message', async () => {
  const page = await open(null);
  await page.getByLabel('User name').fill('demo-dist-admin');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('CBC.0154').waitFor();
  await page.context().close();
});

test('allocate money to a customer and see the record and the new balance', async () => {
  const page = await open('demo-dist-admin');
  const cash = region(page, 'Balances').locator('tbody tr').first().locator('td').nth(1);
  const before = await cash.textContent();
  const form = region(page, 'Allocate to a customer');
  await choose(form.getByLabel(/^Customer/), 'demo-customer-a');
  await form.getByLabel('Amount').fill('12.34');
  await form.getByRole('button', { name: 'Allocate to a customer' }).click();
  await form.getByText(/Allocated: transfer/).waitFor();
  const records = region(page, 'Income and expense records');
  await records.locator('tbody tr').first().getByText('12.34').waitFor();
  await records.locator('tbody tr').first().getByText('demo-customer-a').waitFor();
  assert.notEqual(await cash.textContent(), before);
  await page.context().close();
  noErrors();
});

test('an API error is shown with its code next to the field it names', async () => {
  const page = await open('demo-dist-admin');
  const form = region(page, 'Allocate to a customer');
  await choose(form.getByLabel(/^Customer/), 'demo-customer-a');
  await form.getByLabel('Amount').fill('1.234');
  await form.getByRole('button', { name: 'Allocate to a customer' }).click();
  const amount = form.getByLabel('Amount');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  const describedBy = (await amount.getAttribute('aria-describedby')).split(' ').pop();
  const msg = await page.locator(`[id="${describedBy}"]`).textContent();
  assert.match(msg, /^CBC\.0100: .*amount/);
  assert.equal(await amount.inputValue(), '1.234', 'the value is kept after a failed submit');
  // A business rule: more than the partner has.
  await amount.fill('999999999');
  await form.getByRole('button', { name: 'Allocate to a customer' }).click();
  await form.getByText(/CBC\.99/).waitFor();
  await page.context().close();
  noErrors();
});

test('invite a reseller, the reseller accepts, the distributor lists it', async () => {
  const p = operator(srv.base, 'POST', '/v2/operator/partners', {
    name: 'Console Reseller Ltd.', account_name: 'console-reseller', partner_type: 'RESELLER', country_code: 'CN',
  });
  operator(srv.base, 'POST', `/v2/operator/partners/${p.partner_id}/users`, {
    user_name: 'console-reseller-admin', roles: ['admin'], password: 'Console-Passw0rd',
  });
  const dist = await open('demo-dist-admin');
  await go(dist, 'Resellers');
  const form = region(dist, 'Invite a reseller');
  await form.getByLabel('Account name').fill('console-reseller');
  await form.getByLabel('Remark').fill('welcome');
  await form.getByRole('button', { name: 'Invite a reseller' }).click();
  await form.getByText(/Invitation .* sent/).waitFor();
  await region(dist, 'Invitations').getByText('Console Reseller Ltd.').waitFor();

  const res = await open(null);
  await login(res, 'console-reseller-admin', 'Console-Passw0rd');
  await go(res, 'Resellers');
  const inv = region(res, 'Invitations from distributors');
  await inv.getByRole('button', { name: /^Accept/ }).click();
  await inv.getByText('Accepted', { exact: true }).first().waitFor();

  await dist.reload();
  await dist.getByRole('navigation').waitFor();
  await go(dist, 'Resellers');
  await region(dist, 'Resellers').getByText('console-reseller', { exact: true }).waitFor();
  // Assign an account manager (S1): the list names it.
  const assign = region(dist, 'Assign an account manager');
  await choose(assign.getByLabel(/^Reseller/), 'console-reseller');
  await choose(assign.getByLabel(/^Account manager/), 'demo-dist-manager');
  await assign.getByRole('button', { name: 'Assign an account manager' }).click();
  await assign.getByText('Done.').waitFor();
  await region(dist, 'Resellers').locator('tr', { hasText: 'console-reseller' }).getByText('demo-dist-manager').waitFor();
  await dist.context().close();
  await res.context().close();
  noErrors();
});

test('issue a coupon, reclaim it, and see both records', async () => {
  const page = await open('demo-dist-admin');
  await go(page, 'Coupons');
  const form = region(page, 'Issue a coupon');
  await choose(form.getByLabel(/^Customer/), 'demo-customer-a');
  await form.getByLabel('Face value').fill('7.50');
  await form.getByRole('button', { name: 'Issue a coupon' }).click();
  const msg = await form.getByText(/Issued coupon/).textContent();
  const coupon = msg.match(/Issued coupon (\S+?)\./)[1];
  const issued = region(page, 'Issued coupons');
  await issued.getByRole('button', { name: `Reclaim ${coupon}` }).click();
  await issued.getByText(`Coupon ${coupon} reclaimed.`).waitFor();
  const row = issued.locator('tr', { hasText: coupon });
  await row.getByText('Reclaimed').waitFor();
  const records = region(page, 'Issue and reclaim records');
  await eventually(async () => (await records.locator('tr', { hasText: coupon }).count()) >= 2, 'issue and reclaim records');
  await page.context().close();
  noErrors();
});

test('the customer pays its order with a coupon', async () => {
  const dist = await open('demo-dist-admin');
  await go(dist, 'Coupons');
  const form = region(dist, 'Issue a coupon');
  await choose(form.getByLabel(/^Customer/), 'demo-customer-a');
  await form.getByLabel('Face value').fill('20');
  await form.getByRole('button', { name: 'Issue a coupon' }).click();
  const coupon = (await form.getByText(/Issued coupon/).textContent()).match(/Issued coupon (\S+?)\./)[1];
  await dist.context().close();

  const page = await open('demo-customer-a');
  await go(page, 'Orders');
  const orders = region(page, 'Orders');
  await orders.getByRole('button', { name: 'Pay CSDEMO000000000000000001', exact: true }).click();
  const pay = region(page, 'Pay order CSDEMO000000000000000001');
  assert.ok(await pay.getByLabel('No discount').isChecked(), 'no discount unless chosen');
  await pay.getByLabel(new RegExp(coupon)).check();
  await pay.getByRole('button', { name: /^Pay / }).click();
  await orders.getByText('Order CSDEMO000000000000000001 paid.').waitFor();
  const row = orders.locator('tr', { hasText: 'CSDEMO000000000000000001' });
  await row.getByText('Completed').waitFor();
  await row.locator('td', { hasText: /^CN¥20\.00$/ }).waitFor();
  await go(page, 'My coupons');
  await region(page, 'My coupons').locator('tr', { hasText: coupon }).getByText('Used').waitFor();
  await page.context().close();
  noErrors();
});

test('the customer asks its partner to pay; the partner pays on its behalf', async () => {
  const customers = operator(srv.base, 'GET', '/v2/operator/customers', undefined, { account_name: 'demo-customer-a' });
  const customer = customers.customers.find((c) => c.account_name === 'demo-customer-a');
  const order = operator(srv.base, 'POST', '/v2/operator/orders', {
    customer_id: customer.customer_id, service_type_code: 'hws.service.type.ebs',
    order_line_items: [{ product_id: 'p-1', period_type: 2, period_num: 1, official_amount: '15' }],
  });
  const cust = await open('demo-customer-a');
  await go(cust, 'Orders');
  const orders = region(cust, 'Orders');
  await orders.getByRole('button', { name: `Ask my partner to pay ${order.order_id}` }).click();
  await orders.getByText(`Your partner was asked to pay order ${order.order_id}.`).waitFor();

  const dist = await open('demo-dist-admin');
  await go(dist, 'Payment requests');
  const list = region(dist, 'Payment requests');
  await list.getByRole('button', { name: `Pay on behalf ${order.order_id}` }).click();
  await list.getByText(`Order ${order.order_id} paid.`).waitFor();

  await cust.reload();
  await cust.getByRole('navigation').waitFor();
  await go(cust, 'Orders');
  await region(cust, 'Orders').locator('tr', { hasText: order.order_id }).getByText('Completed').waitFor();
  await cust.context().close();
  await dist.context().close();
  noErrors();
});

test('a PO submission shows every BANT violation at once, then goes through once fixed', async () => {
  const page = await open('demo-dist-admin');
  await go(page, 'Opportunities');
  const form = region(page, 'Report an opportunity (PO)');
  await form.getByLabel('Customer name').fill('Initech');
  await form.getByRole('button', { name: 'Submit' }).click();
  const errorsShown = form.locator('.notice.bad li');
  await errorsShown.first().waitFor();
  assert.ok(await errorsShown.count() >= 3, 'every failing rule is listed');
  assert.ok(await form.locator('[aria-invalid="true"]').count() >= 2, 'the failing fields are marked');
  const typed = await form.getByLabel('Customer name').inputValue();
  assert.equal(typed, 'Initech', 'nothing typed is lost');
  await form.getByLabel('Budget (B)').fill('50000');
  await form.getByLabel('Decision maker (A)').fill('Ms. Wang, CIO');
  await form.getByLabel('Requirement (N)').fill('Move the ERP to the cloud');
  const close = new Date(Date.now() + 60 * 86400e3).toISOString().slice(0, 10);
  await form.getByLabel('Expected close date (T)').fill(close);
  await form.getByLabel('Estimated revenue').fill('20000');
  await form.getByLabel('Industry').fill('MANUFACTURING');
  await form.getByLabel('Product category').fill('COMPUTE');
  await form.getByLabel('Purchase plan').fill('Q3 purchase');
  await form.getByRole('button', { name: 'Check rules' }).click();
  await page.getByText(/Every rule passes|rule\(s\) fail/).waitFor();
  const failing = await page.locator('.rules li.fail').allTextContents();
  await form.getByRole('button', { name: 'Submit' }).click();
  await form.getByText(/Opportunity .* submitted: PENDING/).waitFor({ timeout: 5000 }).catch(async () => {
    const shown = await form.locator('.notice').allTextContents();
    assert.fail(`not submitted; failing rules ${failing.join(' | ')}; shown ${shown.join(' | ')}`);
  });
  await region(page, 'Your PO opportunities').getByText('Initech').waitFor();
  await page.context().close();
  noErrors();
});

test('the operator signs in with its access key, finds partners and approves the PO', async () => {
  for (const [kind, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
    const page = await open(null, { width, height });
    await page.getByText('Operator: sign in with an access key').click();
    await page.getByLabel('Access key (AK)').fill(OPERATOR.ak);
    await page.getByLabel('Secret key (SK)').fill(OPERATOR.sk);
    await page.getByRole('button', { name: 'Operator: sign in with an access key' }).click();
    await page.getByRole('navigation').waitFor();
    await go(page, 'Partners');
    await region(page, 'Partners').getByText('demo-distributor', { exact: true }).waitFor();
    assert.deepEqual(await axe(page), [], `operator partners ${kind}`);
    await shot(page, `operator-partners-${kind}`);
    const search = region(page, 'Partners');
    await search.getByLabel('Account name').fill('reseller');
    await search.getByRole('button', { name: 'Search' }).click();
    await search.getByText('demo-reseller-1', { exact: true }).waitFor();
    await go(page, 'Review queues');
    assert.deepEqual(await axe(page), [], `operator reviews ${kind}`);
    await shot(page, `operator-reviews-${kind}`);
    if (kind === 'desktop') {
      const queue = region(page, 'PO opportunities waiting for review');
      await queue.getByRole('button', { name: 'Approve Initech' }).click();
      await queue.getByText('Approve: Initech').waitFor();
    }
    await page.context().close();
  }
  const dist = await open('demo-dist-admin');
  await go(dist, 'Opportunities');
  await region(dist, 'Your PO opportunities').locator('tr', { hasText: 'Initech' }).getByText('APPROVED').waitFor();
  await dist.context().close();
  noErrors();
});

test('a plan-2.0 partner sees its leads masked', async () => {
  const p = operator(srv.base, 'POST', '/v2/operator/partners', {
    name: 'Plan Two Ltd.', account_name: 'plan-two', partner_type: 'RESELLER', country_code: 'CN', marketing_plan_version: '2.0',
  });
  operator(srv.base, 'POST', `/v2/operator/partners/${p.partner_id}/users`, {
    user_name: 'plan-two-admin', roles: ['admin'], password: 'Plan2-Passw0rd',
  });
  operator(srv.base, 'POST', '/v2/operator/leads', {
    partner_id: p.partner_id, customer_name: 'Hooli', mobile_phone: '13812345678', email: 'gavin@example.com',
  });
  const page = await open(null);
  await login(page, 'plan-two-admin', 'Plan2-Passw0rd');
  await go(page, 'Leads');
  const row = region(page, 'Leads').locator('tr', { hasText: 'Hooli' });
  await row.getByText('138****5678').waitFor();
  assert.equal(await page.getByText('13812345678').count(), 0, 'the phone number never shows');
  assert.equal(await page.getByText('gavin@example.com').count(), 0, 'the e-mail never shows');
  await row.getByText(/masked/).waitFor();
  await page.context().close();
  noErrors();
});

test('zh-CN by default for a Chinese browser, switchable to English', async () => {
  const page = await open(null, { locale: 'zh-CN' });
  await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  await page.getByLabel('用户名').fill('demo-dist-admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '资金管理' }).waitFor();
  await page.getByRole('region', { name: '账户余额' }).getByText('¥').first().waitFor();
  await shot(page, 'demo-dist-admin-zh-funds-desktop');
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('link', { name: 'Funds', exact: true }).waitFor();
  await page.context().close();
  noErrors();
});

test('figures: JS + CSS gzipped under 200 KB, time to the first usable screen', async () => {
  const { gzipSync } = await import('node:zlib');
  const html = await (await fetch(`${srv.base}/console/`)).text();
  const page = await open(null);
  const assets = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => e.name).filter((n) => /\.(js|css)$/.test(n)));
  await page.context().close();
  // Every module the screens load, not only those the login page fetched.
  const names = new Set(assets.map((a) => new URL(a).pathname));
  for (const s of ['common', 'funds', 'customers', 'resellers', 'coupons', 'payments', 'sales', 'customer']) {
    names.add(`/console/screens/${s}.js`);
  }
  let raw = 0;
  let gz = 0;
  for (const n of names) {
    const r = await fetch(`${srv.base}${n}`);
    assert.equal(r.status, 200, n);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/, n);
    const b = Buffer.from(await r.arrayBuffer());
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  assert.ok(html.includes('type="module"'));
  assert.ok(gz < 200 * 1024, `${gz} bytes gzipped`);

  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ locale: 'en-US' });
    const p = await context.newPage();
    const t0 = Date.now();
    await p.goto(`${srv.base}/console/`);
    await p.getByLabel('User name').waitFor();
    const first = Date.now() - t0;
    await login(p, 'demo-dist-admin');
    await p.getByRole('region', { name: 'Income and expense records' }).locator('tbody tr').first().waitFor();
    times.push([first, Date.now() - t0]);
    await context.close();
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const login_ms = median(times.map((x) => x[0]));
  const funds_ms = median(times.map((x) => x[1]));
  console.log(`FIGURES: ${names.size} JS/CSS files, ${raw} bytes, ${gz} bytes gzipped; first usable screen (login) ${login_ms} ms, `
    + `login to the funds screen with its records ${funds_ms} ms (median of 5, loopback, includes the password check)`);
});
