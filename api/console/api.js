// The public API with the session's token (X-Auth-Token); errors keep code, message and details.
const KEY = 'bss.session';

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY)); } catch { return null; }
  },
  set(v) { sessionStorage.setItem(KEY, JSON.stringify(v)); },
  clear() { sessionStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

// Python's quote(s, safe='~'), as the SDK encodes path segments and query components.
const quote = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// The query string, sorted and encoded the way AK/SK signing canonicalises it.
function queryString(query) {
  const pairs = [];
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue;
    for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, String(x)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${quote(k)}=${quote(v)}`).join('&');
}

function url(path, query) {
  const q = queryString(query);
  return `${path}${q ? `?${q}` : ''}`;
}

const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s) => new TextEncoder().encode(s);

// SDK-HMAC-SHA256 (the operator signs with its access key; partners and customers use tokens).
async function sign(method, path, query, body, h, ak, sk) {
  const d = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  h['X-Sdk-Date'] = d;
  const signed = [['host', location.host], ['x-sdk-date', d]];
  if (h['Content-Type']) signed.push(['content-type', h['Content-Type']]);
  signed.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  let uri = path.split('/').map((s) => quote(decodeURIComponent(s))).join('/');
  if (!uri.endsWith('/')) uri += '/';
  const canonical = [method.toUpperCase(), uri, queryString(query),
    signed.map(([n, v]) => `${n}:${v}\n`).join(''), signed.map(([n]) => n).join(';'),
    hex(await crypto.subtle.digest('SHA-256', utf8(body || '')))].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${d}\n${hex(await crypto.subtle.digest('SHA-256', utf8(canonical)))}`;
  const key = await crypto.subtle.importKey('raw', utf8(sk), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = hex(await crypto.subtle.sign('HMAC', key, utf8(toSign)));
  h.Authorization = `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signed.map(([n]) => n).join(';')}, Signature=${sig}`;
}

async function headers(method, path, query, body, extra) {
  const h = { ...extra };
  const s = session.get();
  if (s && s.token) h['X-Auth-Token'] = s.token;
  if (s && s.ak) await sign(method, path, query, body, h, s.ak, s.sk);
  return h;
}

export async function api(method, path, { query, body, idem } = {}) {
  const text0 = body !== undefined ? JSON.stringify(body) : undefined;
  const h = await headers(method, path, query, text0, body !== undefined ? { 'Content-Type': 'application/json' } : {});
  if (idem) h['Idempotency-Key'] = idem;
  let r;
  try {
    r = await fetch(url(path, query), { method, headers: h, body: text0 });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', String(e.message || e));
  }
  if (r.status === 204) return null;
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!r.ok) {
    const err = new ApiError(r.status, (data && data.error_code) || String(r.status),
      (data && data.error_msg) || text || r.statusText, data && data.error_details);
    const s = session.get();
    if (r.status === 401 && s && s.role && !s.verifying) onUnauthorized(err);
    throw err;
  }
  return data;
}

// Streams a CSV export to a download, reporting bytes received as it goes.
export async function download(path, query, filename, progress) {
  const r = await fetch(url(path, query), { headers: await headers('GET', path, query, undefined, {}) });
  if (!r.ok) {
    let data = null;
    try { data = await r.json(); } catch { data = null; }
    throw new ApiError(r.status, (data && data.error_code) || String(r.status),
      (data && data.error_msg) || r.statusText);
  }
  const reader = r.body.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    progress(n);
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return n;
}

function randomKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// One Idempotency-Key per body: a retry of the same body after a failure reuses it.
export function idempotency() {
  let last = null;
  return {
    key(body) {
      const s = JSON.stringify(body);
      if (!last || last.s !== s) last = { s, k: randomKey() };
      return last.k;
    },
    done() { last = null; },
  };
}
