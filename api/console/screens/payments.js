// Orders whose customers asked the partner to pay: pay on their behalf, or decline with a reason.
import { api, idempotency } from '../api.js';
import { t, money, time } from '../i18n.js';
import { h, section, table, form, pager, notice, badge, action } from '../ui.js';
import { statusLabel } from './common.js';

export async function render(main) {
  const st = notice();
  let status = 'PENDING';
  const rejectBox = h('div');
  const list = pager(10, async (offset, limit) => {
    const r = await api('POST', '/v2/partners/sub-customers/orders/query', { body: { agent_pay_status: status || null, offset, limit } });
    return { rows: r.order_infos, total: r.total_count };
  }, (rows) => table(t('payments'), [
    { label: t('order_id'), cell: (o) => h('code', {}, o.order_id) },
    { label: t('customer'), cell: (o) => o.user_name || o.customer_id },
    { label: t('official_amount'), cell: (o) => money(o.official_amount, o.currency) },
    { label: t('amount_after_discount'), cell: (o) => money(o.amount_after_discount, o.currency) },
    { label: t('create_time'), cell: (o) => time(o.create_time) },
    { label: t('agent_pay_status'), cell: (o) => badge(statusLabel(o.agent_pay_info.agent_pay_status), o.agent_pay_info.agent_pay_status) },
    { label: t('reject_reason'), cell: (o) => o.agent_pay_info.reject_reason || '' },
    {
      label: t('actions'),
      cell: (o) => (o.agent_pay_info.agent_pay_status !== 'PENDING' || o.status !== 6 ? '' : h('span', { class: 'row-actions' },
        action(t('pay_on_behalf'), st, async () => {
          await api('POST', `/v2/partners/sub-customers/orders/${encodeURIComponent(o.order_id)}/pay`,
            { body: {}, idem: `partner-pay-${o.order_id}` });
          st.ok(t('paid', { id: o.order_id }));
          list.reload();
        }, { 'aria-label': `${t('pay_on_behalf')} ${o.order_id}` }),
        action(t('reject'), st, async () => { showReject(o); }, { 'aria-label': `${t('reject')} ${o.order_id}` }))),
    },
  ], rows));

  function showReject(o) {
    const idem = idempotency();
    const f = form({
      label: `${t('reject')} ${o.order_id}`,
      submit: t('reject'),
      fields: [{ name: 'reason', label: `${t('reject_reason')} (${o.order_id})`, required: true, type: 'textarea' }],
      extraButtons: [h('button', { type: 'button', class: 'secondary', onclick: () => rejectBox.replaceChildren() }, t('cancel'))],
      onSubmit: async (v) => {
        idem.key(v);
        await api('POST', `/v2/partners/sub-customers/orders/${encodeURIComponent(o.order_id)}/reject`, { body: { reason: v.reason } });
        st.ok(t('rejected', { id: o.order_id }));
        rejectBox.replaceChildren();
        list.reload();
      },
    });
    rejectBox.replaceChildren(f);
    f.fields.reason.input.focus();
  }

  const filter = form({
    label: t('agent_pay_status'),
    submit: t('apply'),
    fields: [{
      name: 'agent_pay_status', label: t('agent_pay_status'), value: 'PENDING',
      options: [['', t('all')], ['PENDING', statusLabel('PENDING')], ['PAID', statusLabel('PAID')], ['REJECTED', statusLabel('REJECTED')]],
    }],
    onSubmit: async (v) => { status = v.agent_pay_status; await list.reload(true); },
  });
  main.append(section(t('payments'), filter, st, rejectBox, list));
}
