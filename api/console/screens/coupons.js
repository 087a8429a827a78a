// 销售 > 客户 > 券管理: quotas, issuing coupons to customers, reclaiming them, and the records.
import { api, download, idempotency, ApiError } from '../api.js';
import { t, money, time } from '../i18n.js';
import { h, section, table, form, pager, notice, badge, action, button } from '../ui.js';
import { customerOptions, pick } from './common.js';

export async function render(main) {
  const customers = await customerOptions();
  const q = await api('POST', '/v2/partners/coupon-quotas/query', { body: { limit: 100 } });
  const quotas = table(t('quotas'), [
    { label: t('quota_id'), cell: (x) => h('code', {}, x.quota_id) },
    { label: t('quota_type'), cell: (x) => (x.quota_type === 1 ? t('cash_coupon') : t('voucher')) },
    { label: t('quota_value'), cell: (x) => money(x.quota_value, x.currency) },
    { label: t('balance'), cell: (x) => money(x.balance, x.currency) },
    { label: t('quota_status'), cell: (x) => badge(t(`qs_${x.quota_status}`)) },
    { label: t('effective_time'), cell: (x) => time(x.effective_time) },
    { label: t('expire_time'), cell: (x) => time(x.expire_time) },
  ], q.quotas);
  const usable = q.quotas.filter((x) => x.quota_status === 0)
    .map((x) => [x.quota_id, `${x.quota_id} · ${money(x.balance, x.currency)}`]);

  const st = notice();
  const issued = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/promotions/benefits/partner-coupons', { query: { offset, limit } });
    return { rows: r.user_coupons, total: r.total_count };
  }, (rows) => table(t('issued_coupons'), [
    { label: t('coupon_id'), cell: (c) => h('code', {}, c.coupon_id) },
    { label: t('customer_id'), cell: (c) => h('code', {}, c.customer_id) },
    { label: t('coupon_type'), cell: (c) => t(`ct_${c.coupon_type}`) },
    { label: t('face_value'), cell: (c) => money(c.face_value) },
    { label: t('balance'), cell: (c) => money(c.balance) },
    { label: t('status'), cell: (c) => badge(t(`cs_${c.status}`), `cs${c.status}`) },
    { label: t('expire_time'), cell: (c) => time(c.expire_time) },
    {
      label: t('actions'),
      cell: (c) => (c.status !== 2 ? '' : action(t('reclaim'), st, async () => {
        const body = { coupon_id: c.coupon_id };
        const r = await api('POST', '/v2/promotions/benefits/partner-coupons/reclaim',
          { body, idem: `reclaim-${c.coupon_id}` });
        if (r && r.error_code) throw new ApiError(200, r.error_code, r.error_msg);
        st.ok(t('reclaimed_coupon', { id: c.coupon_id }));
        issued.reload();
        records.reload(true);
      }, { 'aria-label': `${t('reclaim')} ${c.coupon_id}` })),
    },
  ], rows));

  const records = pager(10, async (offset, limit) => {
    const r = await api('GET', '/v2/promotions/benefits/partner-coupons/records/query', { query: { offset, limit } });
    return { rows: r.records, total: r.total_count };
  }, (rows) => table(t('coupon_records'), [
    { label: t('operation_time'), cell: (r) => time(r.operation_time) },
    { label: t('operation_type'), key: 'operation_type' },
    { label: t('amount'), cell: (r) => money(r.operation_amount) },
    { label: t('coupon_id'), cell: (r) => (r.coupon_id ? h('code', {}, r.coupon_id) : '') },
    { label: t('customer_id'), cell: (r) => (r.customer_id ? h('code', {}, r.customer_id) : '') },
    { label: t('result'), cell: (r) => (r.result === '0' ? t('ok') : t('failed')) },
  ], rows));

  const idem = idempotency();
  const issue = form({
    label: t('issue_coupon'),
    submit: t('issue_coupon'),
    fields: [
      { name: 'quota_id', label: t('quota_id'), required: true, options: pick(usable), value: usable.length ? usable[0][0] : '' },
      { name: 'customer_ids', label: t('customer_ids'), required: true, options: pick(customers) },
      { name: 'face_value', label: t('face_value'), required: true, inputmode: 'decimal', placeholder: '0.00' },
      { name: 'memo', label: t('memo') },
    ],
    onSubmit: async (v, f) => {
      const body = { quota_id: v.quota_id, customer_ids: v.customer_ids ? [v.customer_ids] : [], face_value: v.face_value };
      if (v.memo) body.memo = v.memo;
      const r = await api('POST', '/v2/promotions/benefits/partner-coupons', { body, idem: idem.key(body) });
      idem.done();
      if (r.error_details.length) {
        const e = r.error_details[0];
        f.showError(new ApiError(200, e.error_code, `${e.error_msg} (${e.id})`));
      } else {
        f.say.ok(t('issued', { id: r.coupon_infos.map((c) => c.coupon_id).join(', ') }));
      }
      issued.reload(true);
      records.reload(true);
    },
  });
  const progress = notice();
  const exportButton = button(t('export_csv'), async () => {
    try {
      const n = await download('/v2/promotions/benefits/partner-coupons/records/export', {},
        'partner-coupon-records.csv', (bytes) => progress.info(t('exporting', { bytes })));
      progress.ok(t('exported', { bytes: n }));
    } catch (err) { progress.fail(err); }
  });

  main.append(
    section(t('quotas'), quotas),
    section(t('issue_coupon'), issue),
    section(t('issued_coupons'), st, issued),
    section(t('coupon_records'), h('div', { class: 'buttons' }, exportButton), progress, records),
  );
}
