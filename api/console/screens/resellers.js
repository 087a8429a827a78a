// 销售 > 云经销商 > 云经销商管理: a distributor's resellers and invitations; a reseller's answers.
import { api } from '../api.js';
import { t, time } from '../i18n.js';
import { h, section, table, form, pager, notice, badge, action } from '../ui.js';
import { statusLabel } from './common.js';

export async function render(main, me) {
  const st = notice();
  const invitations = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/partners/indirect-partners/invitations', { query: { offset, limit } });
    return { rows: r.invitations, total: r.total_count };
  }, (rows) => table(me.role === 'distributor' ? t('invitations') : t('received_invitations'), [
    me.role === 'distributor'
      ? { label: t('reseller'), cell: (i) => i.indirect_partner_name || i.indirect_partner_account_name || i.indirect_partner_id }
      : { label: t('distributor'), cell: (i) => i.distributor_name || i.distributor_account_name || i.distributor_id },
    { label: t('status'), cell: (i) => badge(statusLabel(i.status), i.status) },
    { label: t('remark'), key: 'remark' },
    { label: t('invited_on'), cell: (i) => time(i.invited_on) },
    { label: t('expire_time'), cell: (i) => time(i.expire_time) },
    { label: t('answered_on'), cell: (i) => time(i.answered_on) },
    {
      label: t('actions'),
      cell: (i) => {
        if (i.status !== 'PENDING') return '';
        const path = (verb) => `/v2/partners/indirect-partners/invitations/${encodeURIComponent(i.invitation_id)}/${verb}`;
        const who = i.indirect_partner_name || i.distributor_name || i.invitation_id;
        const run = (verb, label) => action(label, st, async () => {
          await api('POST', path(verb));
          st.ok(`${label}: ${t('done')}`);
          invitations.reload();
        }, { 'aria-label': `${label} ${who}` });
        return me.role === 'distributor' ? run('cancel', t('withdraw'))
          : h('span', { class: 'row-actions' }, run('accept', t('accept')), run('reject', t('reject')));
      },
    },
  ], rows));

  if (me.role !== 'distributor') {
    main.append(section(t('received_invitations'), st, invitations));
    return;
  }
  const list = pager(10, async (offset, limit) => {
    const r = await api('POST', '/v2/partners/indirect-partners/query', { body: { offset, limit } });
    return { rows: r.indirect_partners, total: r.count };
  }, (rows) => table(t('resellers'), [
    { label: t('name'), key: 'name' },
    { label: t('account_name'), key: 'account_name' },
    { label: t('indirect_partner_id'), cell: (p) => h('code', {}, p.indirect_partner_id) },
    {
      label: t('account_manager'),
      cell: (p) => (p.account_manager_name && p.account_manager_name !== p.account_manager_id
        ? `${p.account_manager_name} (${p.account_manager_id})` : p.account_manager_id || ''),
    },
    { label: t('associated_on'), cell: (p) => time(p.associated_on) },
  ], rows));
  const invite = form({
    label: t('invite_reseller'),
    submit: t('invite_reseller'),
    fields: [
      { name: 'account_name', label: t('account_name'), required: true },
      { name: 'remark', label: t('remark') },
    ],
    onSubmit: async (v, f) => {
      const body = { account_name: v.account_name };
      if (v.remark) body.remark = v.remark;
      const r = await api('POST', '/v2/partners/indirect-partners/invitations', { body });
      f.say.ok(t('reseller_invited', { id: r.invitation_id }));
      invitations.reload(true);
    },
  });
  let managers = [];
  let linked = [];
  try {
    const [u, r] = await Promise.all([
      api('GET', '/v2/partners/users'),
      api('POST', '/v2/partners/indirect-partners/query', { body: { limit: 100 } }),
    ]);
    managers = u.users.filter((x) => x.roles.includes('account_manager') && x.status === 'ACTIVE')
      .map((x) => [x.user_name, x.display_name ? `${x.display_name} (${x.user_name})` : x.user_name]);
    linked = r.indirect_partners.map((p) => [p.indirect_partner_id, `${p.name} (${p.account_name})`]);
  } catch { /* only admins list users: the form stays empty */ }
  const assign = form({
    label: t('assign_manager'),
    submit: t('assign_manager'),
    fields: [
      { name: 'indirect_partner_id', label: t('reseller'), required: true, options: [['', '—'], ...linked] },
      { name: 'account_manager_id', label: t('account_manager'), required: true, options: [['', '—'], ...managers] },
    ],
    onSubmit: async (v, f) => {
      await api('PUT', `/v2/partners/indirect-partners/${encodeURIComponent(v.indirect_partner_id)}/account-manager`,
        { body: { account_manager_id: v.account_manager_id } });
      f.say.ok(t('done'));
      list.reload();
    },
  });
  main.append(section(t('resellers'), list), h('div', { class: 'grid' }, section(t('invite_reseller'), invite),
    section(t('assign_manager'), assign)), section(t('invitations'), st, invitations));
}
