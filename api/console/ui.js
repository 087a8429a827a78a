// DOM helpers: elements, tables, forms whose API errors land next to the field they name.
import { t } from './i18n.js';
import { ApiError } from './api.js';

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let seq = 0;
export const uid = (p) => `${p}-${++seq}`;

// A live region for what just happened (success or failure not tied to a field).
export function notice() {
  const el = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  el.ok = (msg) => { el.className = 'notice ok'; el.textContent = msg; };
  el.fail = (err) => {
    el.className = 'notice bad';
    el.textContent = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
  };
  el.info = (msg) => { el.className = 'notice'; el.textContent = msg; };
  el.clear = () => { el.className = 'notice'; el.textContent = ''; };
  return el;
}

export function section(title, ...children) {
  const id = uid('sec');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

// columns: [{label, key | cell(row)}]; a table that scrolls sideways on a phone.
export function table(caption, columns, rows) {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, t('none'));
  const id = uid('tbl');
  return h('div', { class: 'scroll', tabindex: '0' },
    h('table', {},
      h('caption', { id, class: 'sr' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label },
        c.cell ? c.cell(r) : r[c.key])))))));
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}` }, text);
}

// fields: [{name, label, type, required, options: [[value, label]], value, hint, multiple}]
// onSubmit(values, form) may throw an ApiError: its message names the field it is about.
export function form({ fields, submit, onSubmit, extraButtons, label }) {
  const status = notice();
  const inputs = {};
  const rows = fields.map((f) => field(f, inputs));
  const button = h('button', { type: 'submit' }, submit);
  const el = h('form', { novalidate: true, 'aria-label': label || submit },
    h('div', { class: 'fields' }, rows), h('div', { class: 'buttons' }, button, extraButtons || []), status);
  el.say = status;
  el.fields = inputs;
  el.collect = () => values(fields, inputs);
  el.showError = (err) => showError(el, inputs, status, err);
  el.clearErrors = () => clearErrors(inputs, status);
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(inputs, status);
    button.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      await onSubmit(values(fields, inputs), el);
    } catch (err) {
      showError(el, inputs, status, err);
    } finally {
      button.disabled = false;
      el.removeAttribute('aria-busy');
    }
  });
  return el;
}

function field(f, inputs) {
  const id = uid(`f-${f.name}`);
  const errId = `${id}-err`;
  const hintId = f.hint ? `${id}-hint` : null;
  let input;
  const common = {
    id, name: f.name, required: f.required, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '),
  };
  if (f.options) {
    input = h('select', { ...common, multiple: f.multiple },
      f.options.map(([v, l]) => h('option', { value: v, selected: String(f.value ?? '') === String(v) }, l)));
  } else if (f.type === 'textarea') {
    input = h('textarea', { ...common, rows: 3 }, f.value ?? '');
  } else {
    input = h('input', {
      ...common, type: f.type || 'text', value: f.value ?? '', inputmode: f.inputmode,
      autocomplete: f.autocomplete || 'off', placeholder: f.placeholder,
    });
  }
  const err = h('p', { class: 'field-error', id: errId });
  inputs[f.name] = { input, err, f };
  return h('div', { class: 'field' },
    h('label', { for: id }, f.label, f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    input, f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null, err);
}

function values(fields, inputs) {
  const out = {};
  for (const f of fields) {
    const { input } = inputs[f.name];
    if (f.multiple) out[f.name] = Array.from(input.selectedOptions, (o) => o.value);
    else out[f.name] = input.value.trim();
  }
  return out;
}

function clearErrors(inputs, status) {
  for (const { input, err } of Object.values(inputs)) {
    err.textContent = '';
    input.removeAttribute('aria-invalid');
  }
  status.clear();
}

// The field an error message names: the longest field name found in it as a word.
export function fieldNamed(names, message) {
  const m = String(message || '');
  let best = null;
  for (const n of names) {
    const re = new RegExp(`(^|[^A-Za-z0-9_])${n}([^A-Za-z0-9_]|$)`);
    if (re.test(m) && (!best || n.length > best.length)) best = n;
  }
  return best;
}

function showError(el, inputs, status, err) {
  if (!(err instanceof ApiError)) {
    status.fail(err);
    return;
  }
  const all = err.details && err.details.length ? err.details : [{ error_code: err.code, error_msg: err.message }];
  let focused = false;
  const unplaced = [];
  for (const d of all) {
    const name = fieldNamed(Object.keys(inputs), d.error_msg);
    if (!name) { unplaced.push(d); continue; }
    const { input, err: e } = inputs[name];
    e.textContent = (e.textContent ? `${e.textContent} ` : '') + `${d.error_code}: ${d.error_msg}`;
    input.setAttribute('aria-invalid', 'true');
    if (!focused) { input.focus(); focused = true; }
  }
  if (unplaced.length || all.length > 1) {
    status.className = 'notice bad';
    status.replaceChildren(...[
      all.length > 1 ? h('span', {}, `${err.code}: ${err.message}`) : null,
      unplaced.length === 1 && all.length === 1 ? `${unplaced[0].error_code}: ${unplaced[0].error_msg}` : null,
      all.length > 1 ? h('ul', {}, all.map((d) => h('li', {}, `${d.error_code}: ${d.error_msg}`))) : null,
    ].filter(Boolean));
    if (!focused) status.focus?.();
  }
}

// Offset paging over a list endpoint; load(offset, limit) returns {rows, total}.
export function pager(limit, load, render) {
  const box = h('div', { class: 'paged' });
  let offset = 0;
  async function go() {
    box.setAttribute('aria-busy', 'true');
    try {
      const { rows, total } = await load(offset, limit);
      const pages = Math.max(1, Math.ceil(total / limit));
      const n = Math.floor(offset / limit) + 1;
      const nav = total > limit ? h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: offset === 0, onclick: () => { offset -= limit; go(); } }, t('prev')),
        h('span', {}, t('page', { n, m: pages, total })),
        h('button', { type: 'button', disabled: offset + limit >= total, onclick: () => { offset += limit; go(); } }, t('next')))
        : null;
      box.replaceChildren(...[render(rows), nav].filter(Boolean));
    } catch (err) {
      const n = notice();
      n.fail(err);
      box.replaceChildren(n);
    } finally {
      box.removeAttribute('aria-busy');
    }
  }
  box.reload = (reset) => { if (reset) offset = 0; return go(); };
  go();
  return box;
}

export function button(label, onclick, attrs) {
  return h('button', { type: 'button', onclick, ...(attrs || {}) }, label);
}

// A button that runs an action and reports its outcome in `status`.
export function action(label, status, run, attrs) {
  const b = button(label, async () => {
    b.disabled = true;
    try { await run(); } catch (err) { status.fail(err); } finally { b.disabled = false; }
  }, attrs);
  return b;
}
