// The operator's screens (signed with its access key): the partners directory and the PO review queue.
import { api } from '../api.js';
import { t, time, money } from '../i18n.js';
import { h, section, table, form, notice, badge, action } from '../ui.js';

export async function partners(main) {
  const out = h('div');
  let markers = [];
  let filters = {};
  async function load(marker) {
    out.setAttribute('aria-busy', 'true');
    try {
      const r = await api('GET', '/v2/operator/partners', { query: { ...filters, marker, limit: 20 } });
      out.replaceChildren(
        h('p', {}, t('total', { n: r.total_count })),
        table(t('partners'), [
          { label: t('name'), key: 'name' },
          { label: t('account_name'), key: 'account_name' },
          { label: t('partner_type'), key: 'partner_type' },
          { label: t('country_code'), key: 'country_code' },
          { label: t('status'), cell: (p) => badge(p.status, p.status) },
          { label: t('marketing_plan'), key: 'marketing_plan_version' },
          { label: t('parent_partner_id'), cell: (p) => (p.parent_partner_id ? h('code', {}, p.parent_partner_id) : '') },
          { label: t('create_time'), cell: (p) => time(p.created_on) },
        ], r.partners),
        h('div', { class: 'pager' },
          markers.length ? h('button', { type: 'button', onclick: () => { markers.pop(); load(markers[markers.length - 1]); } }, t('prev')) : null,
          r.next_marker ? h('button', { type: 'button', onclick: () => { markers.push(r.next_marker); load(r.next_marker); } }, t('next')) : null));
    } finally {
      out.removeAttribute('aria-busy');
    }
  }
  const f = form({
    label: t('search'),
    submit: t('search'),
    fields: [
      { name: 'name', label: t('name') },
      { name: 'account_name', label: t('account_name') },
      { name: 'partner_type', label: t('partner_type'), options: [['', t('all')], ['DISTRIBUTOR', 'DISTRIBUTOR'], ['RESELLER', 'RESELLER'], ['SOLUTION_PROVIDER', 'SOLUTION_PROVIDER']] },
      { name: 'status', label: t('status'), options: [['', t('all')], ['ACTIVE', 'ACTIVE'], ['SUSPENDED', 'SUSPENDED']] },
    ],
    onSubmit: async (v) => { filters = v; markers = []; await load(); },
  });
  await load();
  main.append(section(t('partners'), f, out));
}

export async function reviews(main) {
  const st = notice();
  const out = h('div');
  async function load() {
    const r = await api('GET', '/v2/operator/po-opportunities', { query: { status: 'PENDING', limit: 50 } });
    out.replaceChildren(table(t('po_queue'), [
      { label: t('customer_name'), key: 'customer_name' },
      { label: t('partner_id'), cell: (o) => h('code', {}, o.partner_id) },
      { label: t('budget'), cell: (o) => money(o.budget, o.currency || 'CNY') },
      { label: t('estimated_revenue'), cell: (o) => money(o.estimated_revenue, o.currency || 'CNY') },
      { label: t('decision_maker'), key: 'decision_maker' },
      { label: t('requirement'), key: 'requirement' },
      { label: t('expected_close_date'), key: 'expected_close_date' },
      { label: t('submitted_on'), cell: (o) => time(o.submitted_on) },
      {
        label: t('actions'),
        cell: (o) => h('span', { class: 'row-actions' },
          action(t('approve'), st, async () => {
            await api('POST', `/v2/operator/po-opportunities/${encodeURIComponent(o.opportunity_id)}/approve`, { body: {} });
            st.ok(`${t('approve')}: ${o.customer_name}`);
            await load();
          }, { 'aria-label': `${t('approve')} ${o.customer_name}` }),
          action(t('reject'), st, async () => {
            await api('POST', `/v2/operator/po-opportunities/${encodeURIComponent(o.opportunity_id)}/reject`,
              { body: { reason_codes: ['INCOMPLETE_BANT'] } });
            st.ok(`${t('reject')}: ${o.customer_name}`);
            await load();
          }, { 'aria-label': `${t('reject')} ${o.customer_name}` })),
      },
    ], r.opportunities));
  }
  await load();
  main.append(section(t('po_queue'), st, out));
}

// Signs in with an access key: kept in this tab's session storage only.
export function operatorLogin(onDone) {
  return form({
    label: t('operator_login'),
    submit: t('operator_login'),
    fields: [
      { name: 'ak', label: t('access_key'), required: true, autocomplete: 'username' },
      { name: 'sk', label: t('secret_key'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    onSubmit: async (v) => onDone(v),
  });
}
