// The console: log in with POST /v2/auth/tokens, find out who is signed in, then the role's menu.
import { api, session, whenUnauthorized } from './api.js';
import { t, getLang, setLang, LANGS } from './i18n.js';
import { h, form, notice } from './ui.js';

const SCREENS = {
  funds: () => import('./screens/funds.js'),
  customers: () => import('./screens/customers.js'),
  resellers: () => import('./screens/resellers.js'),
  coupons: () => import('./screens/coupons.js'),
  payments: () => import('./screens/payments.js'),
  opportunities: () => import('./screens/sales.js').then((m) => ({ render: m.opportunities })),
  leads: () => import('./screens/sales.js').then((m) => ({ render: m.leads })),
  balances: () => import('./screens/customer.js').then((m) => ({ render: m.balances })),
  orders: () => import('./screens/customer.js').then((m) => ({ render: m.orders })),
  'my-coupons': () => import('./screens/customer.js').then((m) => ({ render: m.coupons })),
  invitations: () => import('./screens/customer.js').then((m) => ({ render: m.invitations })),
  partners: () => import('./screens/operator.js').then((m) => ({ render: m.partners })),
  reviews: () => import('./screens/operator.js').then((m) => ({ render: m.reviews })),
};

const MENUS = {
  distributor: ['funds', 'customers', 'resellers', 'coupons', 'payments', 'opportunities', 'leads'],
  reseller: ['funds', 'customers', 'resellers', 'coupons', 'payments', 'opportunities', 'leads'],
  customer: ['balances', 'orders', 'my-coupons', 'invitations'],
  operator: ['partners', 'reviews'],
};
const NAV_KEY = { 'my-coupons': 'nav_my_coupons' };

const root = document.getElementById('app');
let rendering = 0;
setLang(getLang());
whenUnauthorized(() => { session.clear(); route(); });
window.addEventListener('hashchange', route);
route();

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part));
  } catch { return {}; }
}

// Who is signed in: a customer, or a partner user whose partner is a distributor (it may list
// resellers) or a reseller.
async function identify(token, name) {
  const c = claims(token);
  if (c.kind === 'customer') return { token, name, role: 'customer', id: c.sub };
  session.set({ token, name });
  let user = null;
  try { user = await api('GET', `/v2/partners/users/${encodeURIComponent(c.sub)}`); } catch { user = null; }
  let role = 'reseller';
  try {
    await api('POST', '/v2/partners/indirect-partners/query', { body: { limit: 1 } });
    role = 'distributor';
  } catch { role = 'reseller'; }
  return { token, name, role, id: c.sub, roles: user ? user.roles : [] };
}

function langSelect() {
  const id = 'lang-select';
  return h('div', { class: 'lang' },
    h('label', { for: id }, t('language')),
    h('select', { id, onchange: (e) => { setLang(e.target.value); route(); } },
      LANGS.map(([v, l]) => h('option', { value: v, selected: v === getLang(), lang: v }, l))));
}

function login() {
  document.title = `${t('login')} · ${t('title')}`;
  const f = form({
    label: t('login'),
    submit: t('login'),
    fields: [
      { name: 'user_name', label: t('user_name'), required: true, autocomplete: 'username' },
      { name: 'password', label: t('password'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    onSubmit: async (v) => {
      const r = await api('POST', '/v2/auth/tokens', { body: v });
      const me = await identify(r.token, v.user_name);
      session.set(me);
      const target = `#/${MENUS[me.role][0]}`;
      if (location.hash !== target) location.hash = target;
      else route();
    },
  });
  const op = h('div');
  const opened = h('details', {}, h('summary', {}, t('operator_login')), op);
  opened.addEventListener('toggle', async () => {
    if (op.firstChild) return;
    const { operatorLogin } = await import('./screens/operator.js');
    op.append(operatorLogin(async (v) => {
      session.set({ ak: v.ak, sk: v.sk, name: v.ak, role: 'operator', verifying: true });
      try {
        await api('GET', '/v2/operator/partners', { query: { limit: 1 } });
      } catch (err) {
        session.clear();
        throw err;
      }
      session.set({ ak: v.ak, sk: v.sk, name: v.ak, role: 'operator' });
      if (location.hash !== '#/partners') location.hash = '#/partners';
      else route();
    }));
  });
  root.replaceChildren(
    h('header', { class: 'top' }, h('span', { class: 'brand' }, t('title')), langSelect()),
    h('main', { id: 'main', tabindex: '-1', class: 'login' },
      h('h1', {}, t('login')), h('p', {}, t('login_intro')), f, opened));
  f.fields.user_name.input.focus();
}

async function route() {
  const run = ++rendering;
  const me = session.get();
  if (!me || !me.role) { login(); return; }
  const menu = MENUS[me.role];
  let name = location.hash.replace(/^#\/?/, '').split('?')[0];
  if (!menu.includes(name)) name = menu[0];
  const navLabel = (k) => t(NAV_KEY[k] || `nav_${k}`);
  const main = h('main', { id: 'main', tabindex: '-1', 'aria-busy': 'true' },
    h('h1', {}, navLabel(name)), h('p', {}, t('loading')));
  root.replaceChildren(
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, t('title')),
      h('span', { class: 'who' }, t('signed_in_as', { name: me.name }), ' · ', t(`role_${me.role}`)),
      langSelect(),
      h('button', { type: 'button', class: 'secondary', onclick: logout }, t('logout'))),
    h('nav', { 'aria-label': t('menu') }, h('ul', {}, menu.map((k) => h('li', {},
      h('a', { href: `#/${k}`, 'aria-current': k === name ? 'page' : null }, navLabel(k)))))),
    main);
  document.title = `${navLabel(name)} · ${t('title')}`;
  const mod = await SCREENS[name]();
  if (run !== rendering) return;
  const body = h('div');
  try {
    await mod.render(body, me);
  } catch (err) {
    const n = notice();
    n.fail(err);
    body.append(n);
  }
  if (run !== rendering) return;
  main.replaceChildren(h('h1', {}, navLabel(name)), ...body.childNodes);
  main.removeAttribute('aria-busy');
}

async function logout() {
  try { await api('POST', '/v2/auth/tokens/revoke'); } catch { /* gone already */ }
  session.clear();
  location.hash = '';
  route();
}
