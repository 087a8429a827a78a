// 销售 > 客户 > 客户管理: customers, create, invite, and every invitation's association status.
import { api } from '../api.js';
import { t, time } from '../i18n.js';
import { h, section, table, form, pager, notice, badge, action } from '../ui.js';
import { statusLabel } from './common.js';

const assoc = (x) => (x === '1' ? t('referral') : x === '2' ? t('resale') : x || '');

export async function render(main) {
  const list = pager(10, async (offset, limit) => {
    const r = await api('POST', '/v2/partners/sub-customers/query', { body: { offset, limit } });
    return { rows: r.customer_infos, total: r.count };
  }, (rows) => table(t('customers'), [
    { label: t('account_name'), key: 'account_name' },
    { label: t('customer_id'), cell: (c) => h('code', {}, c.customer_id) },
    { label: t('association_type'), cell: (c) => assoc(c.association_type) },
    { label: t('associated_on'), cell: (c) => time(c.associated_on) },
    { label: t('account_manager'), cell: (c) => c.account_managers.map((m) => m.account_name).join(', ') },
  ], rows));

  const create = form({
    label: t('create_customer'),
    submit: t('create_customer'),
    fields: [
      { name: 'domain_name', label: t('domain_name'), required: true, hint: '5–32: a-z A-Z 0-9 _ -' },
      { name: 'password', label: t('password'), type: 'password', autocomplete: 'new-password' },
      { name: 'mobile_phone', label: t('mobile_phone'), type: 'tel', inputmode: 'tel' },
      { name: 'verification_code', label: t('verification_code'), inputmode: 'numeric' },
      { name: 'cooperation_type', label: t('cooperation_type'), options: [['', t('resale')], ['1', t('referral')]] },
    ],
    onSubmit: async (v, f) => {
      const body = {};
      for (const [k, x] of Object.entries(v)) if (x !== '') body[k] = x;
      const r = await api('POST', '/v2/partners/sub-customers', { body });
      f.say.ok(t('created_customer', { name: r.domain_name, id: r.domain_id }));
      f.reset();
      list.reload(true);
    },
  });

  const invitations = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/partners/sub-customers/invitations', { query: { offset, limit } });
    return { rows: r.invitations, total: r.total_count };
  }, (rows) => {
    const st = notice();
    return h('div', {}, st, table(t('invitations'), [
      { label: t('invitee'), key: 'invitee' },
      { label: t('association_type'), cell: (i) => assoc(i.association_type) },
      { label: t('association_status'), cell: (i) => badge(statusLabel(i.association_status), i.association_status) },
      {
        label: t('failure_reason'),
        cell: (i) => (i.failure_reason ? h('span', { class: 'reason', title: i.partner_action || '' },
          i.failure_reason_code ? h('code', {}, i.failure_reason_code) : null, ' ', i.failure_reason) : ''),
      },
      { label: t('partner_action'), key: 'partner_action' },
      { label: t('invitation_code'), cell: (i) => (i.invitation_code ? h('code', {}, i.invitation_code) : '') },
      { label: t('invited_on'), cell: (i) => time(i.invited_on) },
      { label: t('expire_time'), cell: (i) => time(i.expire_time) },
      {
        label: t('actions'),
        cell: (i) => (i.association_status === 'ASSOCIATED' ? '' : action(t('resend'), st, async () => {
          const r = await api('POST', `/v2/partners/sub-customers/invitations/${encodeURIComponent(i.invitation_id)}/resend`);
          st.ok(t('invited', { code: r.invitation_code }));
          invitations.reload();
        }, { 'aria-label': `${t('resend')} ${i.invitee}` })),
      },
    ], rows));
  });

  const invite = form({
    label: t('invite_customer'),
    submit: t('invite_customer'),
    fields: [
      { name: 'account_name', label: t('account_name') },
      { name: 'email', label: t('email'), type: 'email' },
      { name: 'association_type', label: t('association_type'), required: true, options: [['2', t('resale')], ['1', t('referral')]] },
      { name: 'remark', label: t('remark') },
    ],
    onSubmit: async (v, f) => {
      const body = { association_type: v.association_type };
      for (const k of ['account_name', 'email', 'remark']) if (v[k] !== '') body[k] = v[k];
      const r = await api('POST', '/v2/partners/sub-customers/invitations', { body });
      f.say.ok(t('invited', { code: r.invitation_code }));
      invitations.reload(true);
    },
  });

  main.append(
    section(t('customers'), list),
    h('div', { class: 'grid' }, section(t('create_customer'), create), section(t('invite_customer'), invite)),
    section(t('invitations'), invitations),
  );
}
