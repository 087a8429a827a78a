// The customer's own screens: balances, orders (pay with coupons, or ask the partner to pay),
// coupons and partners' invitations.
import { api, idempotency } from '../api.js';
import { t, money, time } from '../i18n.js';
import { h, section, table, pager, notice, badge, action, form } from '../ui.js';
import { statusLabel } from './common.js';

const PAY_TYPE = { 1: 301, 2: 300, 4: 302 };

export async function balances(main) {
  const r = await api('GET', '/v2/accounts/customer-accounts/balances');
  main.append(section(t('customer_balances'),
    table(t('customer_balances'), [
      { label: t('account_type'), cell: (b) => (b.account_type === 1 ? t('cash') : t('credit')) },
      { label: t('amount'), cell: (b) => money(b.amount, b.currency) },
      { label: t('designated_amount'), cell: (b) => money(b.designated_amount, b.currency) },
    ], r.account_balances),
    h('p', {}, `${t('debt_amount')}: ${money(r.debt_amount, r.currency)}`)));
}

export async function orders(main) {
  const st = notice();
  const payBox = h('div');
  const list = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/orders/customer-orders', { query: { offset, limit } });
    return { rows: r.order_infos, total: r.total_count };
  }, (rows) => table(t('orders'), [
    { label: t('order_id'), cell: (o) => h('code', {}, o.order_id) },
    { label: t('order_status'), cell: (o) => badge(t(`os_${o.status}`), `os${o.status}`) },
    { label: t('official_amount'), cell: (o) => money(o.official_amount, o.currency) },
    { label: t('amount_after_discount'), cell: (o) => money(o.amount_after_discount, o.currency) },
    { label: t('coupon_amount'), cell: (o) => money(o.amount_info.coupon_amount, o.currency) },
    { label: t('create_time'), cell: (o) => time(o.create_time) },
    {
      label: t('agent_pay_status'),
      cell: (o) => (o.agent_pay_info.agent_pay_status ? [badge(statusLabel(o.agent_pay_info.agent_pay_status)),
        o.agent_pay_info.reject_reason ? ` ${o.agent_pay_info.reject_reason}` : ''] : ''),
    },
    {
      label: t('actions'),
      cell: (o) => (o.status !== 6 ? '' : h('span', { class: 'row-actions' },
        action(t('pay'), st, () => showPay(o), { 'aria-label': `${t('pay')} ${o.order_id}` }),
        o.agent_pay_info.agent_pay_status === 'PENDING' ? '' : action(t('ask_partner'), st, async () => {
          await api('POST', `/v2/orders/customer-orders/${encodeURIComponent(o.order_id)}/partner-payment-requests`);
          st.ok(t('asked', { id: o.order_id }));
          list.reload();
        }, { 'aria-label': `${t('ask_partner')} ${o.order_id}` }))),
    },
  ], rows));

  async function showPay(o) {
    const [r, d] = await Promise.all([
      api('GET', '/v2/orders/customer-orders/order-coupons', { query: { order_id: o.order_id } }),
      api('GET', '/v2/orders/customer-orders/order-discounts', { query: { order_id: o.order_id } }),
    ]);
    const usable = r.user_coupons.filter((c) => PAY_TYPE[c.coupon_type]);
    const idem = idempotency();
    const boxes = usable.map((c) => {
      const id = `coupon-${c.coupon_id}`;
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, value: c.coupon_id, 'data-type': PAY_TYPE[c.coupon_type], name: 'coupon_infos' }),
        h('label', { for: id }, `${t(`ct_${c.coupon_type}`)} ${c.coupon_id} · ${
          c.coupon_type === 2 ? c.face_value : money(c.balance, c.currency)} · ${t('expire_time')} ${time(c.expire_time)}`));
    });
    const f = form({
      label: t('pay_order', { id: o.order_id }),
      submit: `${t('pay')} ${money(o.amount_after_discount, o.currency)}`,
      fields: [],
      extraButtons: [h('button', { type: 'button', class: 'secondary', onclick: () => payBox.replaceChildren() }, t('cancel'))],
      onSubmit: async () => {
        const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked)
          .map((i) => ({ id: i.value, type: Number(i.dataset.type) }));
        const body = { order_id: o.order_id };
        if (chosen.length) { body.use_coupon = 'YES'; body.coupon_infos = chosen; }
        const disc = discounts.querySelector('input:checked');
        if (disc && disc.value) {
          body.use_discount = 'YES';
          body.discount_infos = [{ id: disc.value, type: Number(disc.dataset.type) }];
        }
        await api('POST', '/v3/orders/customer-orders/pay', { body, idem: idem.key(body) });
        idem.done();
        st.ok(t('paid', { id: o.order_id }));
        payBox.replaceChildren();
        list.reload();
      },
    });
    const group = h('fieldset', {}, h('legend', {}, t('use_coupons')),
      boxes.length ? boxes : h('p', {}, t('no_coupons')));
    const radio = (value, type, label) => {
      const id = `discount-${value || 'none'}`;
      return h('div', { class: 'check' },
        h('input', { type: 'radio', id, name: 'discount', value, 'data-type': type, checked: !value }),
        h('label', { for: id }, label));
    };
    const discounts = h('fieldset', {}, h('legend', {}, t('use_discount')),
      radio('', '', t('no_discount')),
      d.discounts.map((x) => radio(x.discount_id, x.discount_type, `${t(`dt_${x.discount_type}`)} · ${x.discount_value}`)));
    f.querySelector('.fields').append(group, discounts);
    payBox.replaceChildren(section(t('pay_order', { id: o.order_id }), f));
    (group.querySelector('input') || f.querySelector('button')).focus();
  }

  main.append(section(t('orders'), st, payBox, list));
}

export async function coupons(main) {
  const list = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/promotions/benefits/coupons', { query: { offset, limit } });
    return { rows: r.user_coupons, total: r.count };
  }, (rows) => table(t('my_coupons'), [
    { label: t('coupon_id'), cell: (c) => h('code', {}, c.coupon_id) },
    { label: t('coupon_type'), cell: (c) => t(`ct_${c.coupon_type}`) },
    { label: t('face_value'), cell: (c) => (c.coupon_type === 2 ? String(c.face_value) : money(c.face_value, c.currency)) },
    { label: t('balance'), cell: (c) => money(c.balance, c.currency) },
    { label: t('status'), cell: (c) => badge(t(`cs_${c.status}`), `cs${c.status}`) },
    { label: t('expire_time'), cell: (c) => time(c.expire_time) },
  ], rows));
  main.append(section(t('my_coupons'), list));
}

export async function invitations(main) {
  const st = notice();
  const list = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/customers/invitations', { query: { offset, limit } });
    return { rows: r.invitations, total: r.total_count };
  }, (rows) => table(t('received_customer_invitations'), [
    { label: t('name'), key: 'partner_name' },
    { label: t('association_type'), cell: (i) => (i.association_type === '1' ? t('referral') : t('resale')) },
    { label: t('association_status'), cell: (i) => badge(statusLabel(i.association_status), i.association_status) },
    { label: t('failure_reason'), cell: (i) => i.failure_reason || '' },
    { label: t('expire_time'), cell: (i) => time(i.expire_time) },
    {
      label: t('actions'),
      cell: (i) => (i.association_status !== 'PENDING' || !i.invitation_code ? '' : action(t('accept'), st, async () => {
        await api('POST', `/v2/customers/invitations/${encodeURIComponent(i.invitation_code)}/accept`);
        st.ok(t('accepted'));
        list.reload();
      }, { 'aria-label': `${t('accept')} ${i.partner_name || ''}` })),
    },
  ], rows));
  main.append(section(t('received_customer_invitations'), st, list));
}
