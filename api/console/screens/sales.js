// Opportunities reported to the platform (PO, every BANT rule at once) and leads (masked on plan 2.0).
import { api } from '../api.js';
import { t, money, time } from '../i18n.js';
import { h, section, table, form, pager, notice, badge, button } from '../ui.js';

const PO_FIELDS = ['customer_name', 'budget', 'decision_maker', 'requirement', 'expected_close_date',
  'estimated_revenue', 'currency', 'industry', 'product_category', 'purchase_plan', 'description'];

function poBody(v) {
  const body = {};
  for (const k of PO_FIELDS) if (v[k] !== '' && v[k] !== undefined) body[k] = v[k];
  return body;
}

export async function opportunities(main) {
  const list = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/partners/po-opportunities', { query: { offset, limit } });
    return { rows: r.opportunities || r.po_opportunities || [], total: r.total_count };
  }, (rows) => table(t('po_list'), [
    { label: t('customer_name'), key: 'customer_name' },
    { label: t('review_status'), cell: (o) => badge(o.review_status, o.review_status) },
    { label: t('estimated_revenue'), cell: (o) => money(o.estimated_revenue, o.currency || 'CNY') },
    { label: t('expected_close_date'), key: 'expected_close_date' },
    { label: t('submitted_on'), cell: (o) => time(o.submitted_on) },
    { label: t('reason'), cell: (o) => [o.reason_codes.join(', '), o.reason ? ` ${o.reason}` : ''] },
  ], rows));

  const rules = h('div', { 'aria-live': 'polite' });
  const showRules = (r) => {
    const failed = r.rules.filter((x) => !x.passed);
    rules.replaceChildren(h('p', { class: failed.length ? 'notice bad' : 'notice ok' },
      failed.length ? t('rules_fail', { n: failed.length }) : t('rules_pass')),
    h('ul', { class: 'rules' }, r.rules.map((x) => h('li', { class: x.passed ? 'pass' : 'fail' },
      h('span', { class: 'sr' }, x.passed ? '✓ ' : '✗ '), h('code', {}, x.code), ' ', x.message))));
  };
  const f = form({
    label: t('po_title'),
    submit: t('submit'),
    fields: [
      { name: 'customer_name', label: t('customer_name'), required: true },
      { name: 'budget', label: t('budget'), inputmode: 'decimal' },
      { name: 'currency', label: t('currency'), options: [['CNY', 'CNY'], ['USD', 'USD']] },
      { name: 'decision_maker', label: t('decision_maker') },
      { name: 'requirement', label: t('requirement'), type: 'textarea' },
      { name: 'expected_close_date', label: t('expected_close_date'), type: 'date' },
      { name: 'estimated_revenue', label: t('estimated_revenue'), inputmode: 'decimal' },
      { name: 'industry', label: t('industry'), hint: 'A–Z 0–9 _' },
      { name: 'product_category', label: t('product_category'), hint: 'A–Z 0–9 _' },
      { name: 'purchase_plan', label: t('purchase_plan'), type: 'textarea' },
      { name: 'description', label: t('description'), type: 'textarea' },
    ],
    extraButtons: [
      button(t('check'), async () => {
        f.clearErrors();
        try { showRules(await api('POST', '/v2/partners/po-opportunities/check', { body: poBody(f.collect()) })); } catch (err) { f.showError(err); }
      }, { class: 'secondary' }),
      button(t('save_draft'), async () => {
        f.clearErrors();
        try {
          const r = await api('POST', '/v2/partners/po-opportunities', { body: { ...poBody(f.collect()), submit: false } });
          f.say.ok(t('po_draft', { id: r.opportunity_id }));
          list.reload(true);
        } catch (err) { f.showError(err); }
      }, { class: 'secondary' }),
    ],
    onSubmit: async (v, form_) => {
      rules.replaceChildren();
      const r = await api('POST', '/v2/partners/po-opportunities', { body: { ...poBody(v), submit: true } });
      form_.say.ok(t('po_submitted', { id: r.opportunity_id, status: r.review_status }));
      list.reload(true);
    },
  });
  main.append(section(t('po_title'), f, rules), section(t('po_list'), list));
}

export async function leads(main) {
  const list = pager(10, async (offset, limit) => {
    const r = await api('POST', '/v2/partners/leads/query', { body: { offset, limit } });
    return { rows: r.leads, total: r.total_count };
  }, (rows) => table(t('leads'), [
    { label: t('customer_name'), key: 'customer_name' },
    { label: t('contact_name'), key: 'contact_name' },
    {
      label: t('mobile_phone'),
      cell: (l) => [l.mobile_phone || '', l.contacts_masked ? h('span', { class: 'masked', title: t('masked') }, ` (${t('masked')})`) : ''],
    },
    { label: t('email'), key: 'email' },
    { label: t('source'), key: 'source' },
    { label: t('lead_status'), cell: (l) => badge(l.status, l.status) },
    { label: t('create_time'), cell: (l) => time(l.create_time) },
  ], rows));
  const st = notice();
  main.append(section(t('leads'), st, list));
}
