// 销售 > 账务 > 资金管理: balances, allocations to customers and resellers, income and expense.
import { api, download, idempotency } from '../api.js';
import { t, money, time } from '../i18n.js';
import { h, section, table, form, pager, notice, button } from '../ui.js';
import { customerOptions, resellerOptions, pick } from './common.js';

const TRADE_TYPES = ['RECHARGE', 'DEDEUCT', 'REFUND', 'TRANS', 'ADJUST', 'BEADJUST', 'BERETRIEVE'];

export async function render(main, me) {
  const [customers, resellers] = await Promise.all([customerOptions(), me.role === 'distributor' ? resellerOptions() : []]);
  const balances = h('div');
  const loadBalances = async () => {
    const r = await api('GET', '/v2/accounts/partner-accounts/balances');
    balances.replaceChildren(table(t('balances'), [
      { label: t('account_type'), cell: (b) => (b.account_type === 1 ? t('cash') : t('credit')) },
      { label: t('amount'), cell: (b) => money(b.amount, b.currency) },
      { label: t('designated_amount'), cell: (b) => money(b.designated_amount, b.currency) },
    ], r.account_balances));
  };
  await loadBalances();

  const after = async () => { await loadBalances(); records.reload(true); };
  const idemC = idempotency();
  const toCustomer = form({
    label: t('allocate_customer'),
    submit: t('allocate_customer'),
    fields: [
      { name: 'customer_id', label: t('customer'), required: true, options: pick(customers) },
      { name: 'amount', label: t('amount'), required: true, inputmode: 'decimal', placeholder: '0.00' },
    ],
    onSubmit: async (v, f) => {
      const body = { customer_id: v.customer_id, amount: v.amount };
      const r = await api('POST', '/v2/accounts/partner-accounts/adjust-amount', { body, idem: idemC.key(body) });
      idemC.done();
      f.say.ok(t('allocated', { id: r.transfer_id }));
      await after();
    },
  });
  const idemR = idempotency();
  const fromCustomer = form({
    label: t('reclaim_customer'),
    submit: t('reclaim_customer'),
    fields: [
      { name: 'customer_id', label: t('customer'), required: true, options: pick(customers) },
      { name: 'amount', label: t('amount'), required: true, inputmode: 'decimal', placeholder: '0.00' },
    ],
    onSubmit: async (v, f) => {
      const body = { customer_id: v.customer_id, amount: v.amount };
      const r = await api('POST', '/v2/accounts/partner-accounts/reclaim', { body, idem: idemR.key(body) });
      idemR.done();
      f.say.ok(t('reclaimed', { id: r.trans_id }));
      await after();
    },
  });
  const idemP = idempotency();
  const toReseller = me.role === 'distributor' ? form({
    label: t('allocate_reseller'),
    submit: t('allocate_reseller'),
    fields: [
      { name: 'indirect_partner_id', label: t('reseller'), required: true, options: pick(resellers) },
      { name: 'amount', label: t('amount'), required: true, inputmode: 'decimal', placeholder: '0.00' },
    ],
    onSubmit: async (v, f) => {
      const body = { indirect_partner_id: v.indirect_partner_id, amount: v.amount };
      const r = await api('POST', '/v2/accounts/partner-accounts/indirect-partner-adjust', { body, idem: idemP.key(body) });
      idemP.done();
      f.say.ok(t('allocated', { id: r.transfer_id }));
      await after();
    },
  }) : null;

  let filters = { balance_type: 'BALANCE_TYPE_DEBIT' };
  const records = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/accounts/partner-accounts/account-change-records',
      { query: { ...filters, offset, limit } });
    return { rows: r.records.map((x) => ({ ...x, currency: r.currency })), total: r.total_count };
  }, (rows) => table(t('records'), [
    { label: t('trade_time'), cell: (r) => time(r.trade_time) },
    { label: t('direction'), cell: (r) => (r.type === '1' ? t('income') : t('expense')) },
    { label: t('trade_type'), key: 'trade_detail_type' },
    { label: t('amount'), cell: (r) => money(r.change_amount, r.currency) },
    { label: t('balance_after'), cell: (r) => money(r.balance_after_change, r.currency) },
    { label: t('counterparty'), cell: (r) => r.account_name || r.customer_id || '' },
  ], rows));
  const progress = notice();
  const filter = form({
    label: t('records'),
    submit: t('apply'),
    fields: [
      { name: 'balance_type', label: t('balance_type'), options: [['BALANCE_TYPE_DEBIT', t('cash')], ['BALANCE_TYPE_CREDIT', t('credit')]] },
      { name: 'trade_type', label: t('trade_type'), options: [['', t('all')], ...TRADE_TYPES.map((x) => [x, x])] },
      { name: 'trade_time_begin', label: t('trade_time_begin'), type: 'date' },
      { name: 'trade_time_end', label: t('trade_time_end'), type: 'date' },
    ],
    extraButtons: [button(t('export_csv'), async () => {
      try {
        const n = await download('/v2/accounts/partner-accounts/account-change-records/export', filters,
          'account-change-records.csv', (bytes) => progress.info(t('exporting', { bytes })));
        progress.ok(t('exported', { bytes: n }));
      } catch (err) { filter.showError(err); }
    })],
    onSubmit: async (v) => {
      filters = v;
      // Check the filters first so an error lands next to its field.
      await api('GET', '/v2/accounts/partner-accounts/account-change-records', { query: { ...v, limit: 1 } });
      await records.reload(true);
    },
  });

  main.append(
    section(t('balances'), balances),
    h('div', { class: 'grid' },
      section(t('allocate_customer'), toCustomer),
      toReseller ? section(t('allocate_reseller'), toReseller) : null,
      section(t('reclaim_customer'), fromCustomer)),
    section(t('records'), filter, progress, records),
  );
}
