// zh-CN and en: the browser's language by default, switchable; money and times per locale.
const dict = {
  en: {
    title: 'Partner BSS', skip: 'Skip to content', language: 'Language', logout: 'Log out',
    login: 'Log in', user_name: 'User name', password: 'Password', login_intro: 'Sign in with your partner or customer account.',
    signed_in_as: 'Signed in as {name}', menu: 'Menu', loading: 'Loading…', none: 'Nothing yet.',
    role_distributor: 'Distributor', role_reseller: 'Reseller', role_customer: 'Customer',
    nav_funds: 'Funds', nav_customers: 'Customers', nav_resellers: 'Resellers', nav_coupons: 'Coupons',
    nav_payments: 'Payment requests', nav_opportunities: 'Opportunities', nav_leads: 'Leads',
    nav_balances: 'Balances', nav_orders: 'Orders', nav_my_coupons: 'My coupons', nav_invitations: 'Invitations',
    submit: 'Submit', save: 'Save', search: 'Search', refresh: 'Refresh', cancel: 'Cancel', apply: 'Apply filters',
    prev: 'Previous', next: 'Next', page: 'Page {n} of {m} ({total} in all)', export_csv: 'Export CSV',
    exported: 'Exported {bytes} bytes.', exporting: 'Exporting… {bytes} bytes', done: 'Done.',
    error: 'Error', required: 'required', optional: 'optional', all: 'All', actions: 'Actions', status: 'Status',
    balances: 'Balances', account_type: 'Account', amount: 'Amount', designated_amount: 'Designated', currency: 'Currency',
    cash: 'Cash', credit: 'Credit', debt_amount: 'Debt',
    allocate_customer: 'Allocate to a customer', allocate_reseller: 'Allocate to a reseller',
    reclaim_customer: 'Reclaim from a customer', customer: 'Customer', reseller: 'Reseller',
    allocated: 'Allocated: transfer {id}.', reclaimed: 'Reclaimed: transfer {id}.',
    records: 'Income and expense records', balance_type: 'Account', trade_type: 'Trade type',
    trade_time_begin: 'From (UTC date)', trade_time_end: 'To (UTC date)', trade_time: 'Time', direction: 'Direction',
    income: 'Income', expense: 'Expense', balance_after: 'Balance after', detail: 'Detail', counterparty: 'Counterparty',
    customers: 'Customers', account_name: 'Account name', customer_id: 'Customer ID', association_type: 'Association',
    referral: 'Referral', resale: 'Resale', associated_on: 'Associated on', account_manager: 'Account manager',
    create_customer: 'Create a customer', domain_name: 'Account name', mobile_phone: 'Mobile phone',
    verification_code: 'Verification code', cooperation_type: 'Cooperation', created_customer: 'Created customer {name} ({id}).',
    invite_customer: 'Invite a customer', email: 'E-mail', remark: 'Remark', invited: 'Invitation sent; code {code}.',
    invitations: 'Invitations', invitee: 'Invitee', invited_on: 'Invited on', expire_time: 'Expires',
    failure_reason: 'Failure reason', partner_action: 'What to do', invitation_code: 'Code', resend: 'Resend',
    association_status: 'Association status', st_PENDING: 'Pending', st_ASSOCIATED: 'Associated', st_FAILED: 'Failed',
    st_EXPIRED: 'Expired', st_ACCEPTED: 'Accepted', st_REJECTED: 'Rejected', st_CANCELLED: 'Cancelled', st_PAID: 'Paid',
    resellers: 'Resellers', invite_reseller: 'Invite a reseller', indirect_partner_id: 'Reseller ID', name: 'Name',
    reseller_invited: 'Invitation {id} sent.', accept: 'Accept', reject: 'Reject', withdraw: 'Withdraw',
    received_invitations: 'Invitations from distributors', distributor: 'Distributor', answered_on: 'Answered on',
    quotas: 'Coupon quotas', quota_id: 'Quota', quota_type: 'Quota type', voucher: 'Voucher', cash_coupon: 'Cash coupon',
    quota_value: 'Granted', balance: 'Balance', effective_time: 'Effective', quota_status: 'Status',
    qs_0: 'Normal', qs_3: 'Invalid', qs_6: 'Reclaimed',
    issue_coupon: 'Issue a coupon', face_value: 'Face value', memo: 'Memo', customer_ids: 'Customer',
    issued: 'Issued coupon {id}.', issued_coupons: 'Issued coupons', coupon_id: 'Coupon', reclaim: 'Reclaim',
    reclaimed_coupon: 'Coupon {id} reclaimed.', coupon_records: 'Issue and reclaim records', operation_type: 'Operation',
    operation_time: 'Time', result: 'Result', ok: 'Succeeded', failed: 'Failed',
    cs_1: 'Not activated', cs_2: 'Usable', cs_3: 'Used', cs_4: 'Expired', cs_5: 'Reclaimed',
    ct_1: 'Voucher', ct_2: 'Discount coupon', ct_3: 'Product coupon', ct_4: 'Cash coupon',
    payments: 'Payment requests', agent_pay_status: 'Request status', order_id: 'Order', official_amount: 'List price',
    amount_after_discount: 'Payable', create_time: 'Created', pay: 'Pay', pay_on_behalf: 'Pay on behalf',
    reason: 'Reason', paid: 'Order {id} paid.', rejected: 'Request for order {id} rejected.', reject_reason: 'Rejection reason',
    po_title: 'Report an opportunity (PO)', customer_name: 'Customer name', budget: 'Budget (B)',
    decision_maker: 'Decision maker (A)', requirement: 'Requirement (N)', expected_close_date: 'Expected close date (T)',
    estimated_revenue: 'Estimated revenue', industry: 'Industry', product_category: 'Product category',
    purchase_plan: 'Purchase plan', description: 'Description', check: 'Check rules', save_draft: 'Save draft',
    rules_pass: 'Every rule passes: it can be submitted.', rules_fail: '{n} rule(s) fail:',
    po_submitted: 'Opportunity {id} submitted: {status}.', po_draft: 'Draft {id} saved.', po_list: 'Your PO opportunities',
    review_status: 'Review', submitted_on: 'Submitted', violations: 'The submission was refused: every failing rule',
    leads: 'Leads', contact_name: 'Contact', source: 'Source', masked: 'masked (marketing plan 2.0: call through the platform)',
    lead_status: 'Status', customer_balances: 'Your balances', orders: 'Orders', order_status: 'Status',
    os_1: 'Pending review', os_2: 'Pending refund', os_3: 'Processing', os_4: 'Cancelled', os_5: 'Completed',
    os_6: 'Pending payment', os_9: 'Pending confirmation', os_10: 'Being delivered', os_11: 'Delivered', os_12: 'Failed', os_13: 'Closed',
    pay_order: 'Pay order {id}', use_coupons: 'Coupons to use (at most 3)', no_coupons: 'No coupon can pay this order.',
    ask_partner: 'Ask my partner to pay', asked: 'Your partner was asked to pay order {id}.', coupon_amount: 'Coupons',
    my_coupons: 'My coupons', coupon_type: 'Type', close: 'Close', received_customer_invitations: 'Invitations from partners',
    accepted: 'Accepted.',
    use_discount: 'Discount (at most 1)', no_discount: 'No discount', assign_manager: 'Assign an account manager',
    dt_0: 'Promotion', dt_1: 'Contract', dt_2: 'Business', dt_3: 'Partner-granted', dt_609: 'Price adjustment',
    nav_partners: 'Partners', nav_reviews: 'Review queues', role_operator: 'Operator', partners: 'Partners',
    partner_type: 'Type', country_code: 'Country', marketing_plan: 'Marketing plan', parent_partner_id: 'Distributor',
    total: '{n} in all', po_queue: 'PO opportunities waiting for review', partner_id: 'Partner', approve: 'Approve',
    operator_login: 'Operator: sign in with an access key', access_key: 'Access key (AK)', secret_key: 'Secret key (SK)',
  },
  'zh-CN': {
    title: '伙伴中心', skip: '跳到正文', language: '语言', logout: '退出登录',
    login: '登录', user_name: '用户名', password: '密码', login_intro: '使用伙伴或客户账号登录。',
    signed_in_as: '当前用户：{name}', menu: '菜单', loading: '加载中…', none: '暂无数据。',
    role_distributor: '云经销商（一级）', role_reseller: '云经销商（二级）', role_customer: '客户',
    nav_funds: '资金管理', nav_customers: '客户管理', nav_resellers: '云经销商管理', nav_coupons: '券管理',
    nav_payments: '代付申请', nav_opportunities: '商机', nav_leads: '线索',
    nav_balances: '账户余额', nav_orders: '订单', nav_my_coupons: '我的优惠券', nav_invitations: '邀请',
    submit: '提交', save: '保存', search: '查询', refresh: '刷新', cancel: '取消', apply: '筛选',
    prev: '上一页', next: '下一页', page: '第 {n}/{m} 页（共 {total} 条）', export_csv: '导出 CSV',
    exported: '已导出 {bytes} 字节。', exporting: '导出中… {bytes} 字节', done: '完成。',
    error: '错误', required: '必填', optional: '选填', all: '全部', actions: '操作', status: '状态',
    balances: '账户余额', account_type: '账户', amount: '金额', designated_amount: '专款', currency: '币种',
    cash: '现金账户', credit: '信用账户', debt_amount: '欠款',
    allocate_customer: '向客户拨款', allocate_reseller: '向二级经销商拨款',
    reclaim_customer: '从客户回收', customer: '客户', reseller: '二级经销商',
    allocated: '拨款成功：流水 {id}。', reclaimed: '回收成功：流水 {id}。',
    records: '收支明细', balance_type: '账户', trade_type: '交易类型',
    trade_time_begin: '开始日期（UTC）', trade_time_end: '结束日期（UTC）', trade_time: '时间', direction: '收支',
    income: '收入', expense: '支出', balance_after: '变动后余额', detail: '明细', counterparty: '对方',
    customers: '客户', account_name: '账号名', customer_id: '客户 ID', association_type: '关联类型',
    referral: '推荐', resale: '转售', associated_on: '关联时间', account_manager: '客户经理',
    create_customer: '创建客户', domain_name: '账号名', mobile_phone: '手机号',
    verification_code: '验证码', cooperation_type: '合作模式', created_customer: '已创建客户 {name}（{id}）。',
    invite_customer: '邀请客户', email: '邮箱', remark: '备注', invited: '邀请已发送，邀请码 {code}。',
    invitations: '邀请记录', invitee: '被邀请人', invited_on: '邀请时间', expire_time: '过期时间',
    failure_reason: '失败原因', partner_action: '处理建议', invitation_code: '邀请码', resend: '重新发送',
    association_status: '关联状态', st_PENDING: '待处理', st_ASSOCIATED: '已关联', st_FAILED: '失败',
    st_EXPIRED: '已过期', st_ACCEPTED: '已接受', st_REJECTED: '已拒绝', st_CANCELLED: '已撤回', st_PAID: '已支付',
    resellers: '二级经销商', invite_reseller: '邀请二级经销商', indirect_partner_id: '经销商 ID', name: '名称',
    reseller_invited: '邀请 {id} 已发送。', accept: '接受', reject: '拒绝', withdraw: '撤回',
    received_invitations: '来自一级经销商的邀请', distributor: '一级经销商', answered_on: '处理时间',
    quotas: '券额度', quota_id: '额度', quota_type: '额度类型', voucher: '代金券', cash_coupon: '现金券',
    quota_value: '授予额度', balance: '余额', effective_time: '生效时间', quota_status: '状态',
    qs_0: '正常', qs_3: '失效', qs_6: '已回收',
    issue_coupon: '发放优惠券', face_value: '面额', memo: '备注', customer_ids: '客户',
    issued: '已发放优惠券 {id}。', issued_coupons: '已发放的优惠券', coupon_id: '优惠券', reclaim: '回收',
    reclaimed_coupon: '优惠券 {id} 已回收。', coupon_records: '发放与回收记录', operation_type: '操作',
    operation_time: '时间', result: '结果', ok: '成功', failed: '失败',
    cs_1: '未激活', cs_2: '可使用', cs_3: '已使用', cs_4: '已过期', cs_5: '已回收',
    ct_1: '代金券', ct_2: '折扣券', ct_3: '产品券', ct_4: '现金券',
    payments: '代付申请', agent_pay_status: '申请状态', order_id: '订单', official_amount: '官网价',
    amount_after_discount: '应付金额', create_time: '创建时间', pay: '支付', pay_on_behalf: '代客户支付',
    reason: '原因', paid: '订单 {id} 已支付。', rejected: '已拒绝订单 {id} 的代付申请。', reject_reason: '拒绝原因',
    po_title: '报备商机（PO）', customer_name: '客户名称', budget: '预算（B）',
    decision_maker: '决策人（A）', requirement: '需求（N）', expected_close_date: '预计成交日期（T）',
    estimated_revenue: '预计收入', industry: '行业', product_category: '产品类别',
    purchase_plan: '采购计划', description: '描述', check: '检查规则', save_draft: '保存草稿',
    rules_pass: '全部规则通过，可以提交。', rules_fail: '{n} 条规则未通过：',
    po_submitted: '商机 {id} 已提交：{status}。', po_draft: '草稿 {id} 已保存。', po_list: '我的 PO 商机',
    review_status: '审核', submitted_on: '提交时间', violations: '提交被拒绝，未通过的全部规则',
    leads: '线索', contact_name: '联系人', source: '来源', masked: '已脱敏（营销计划 2.0：请通过平台外呼）',
    lead_status: '状态', customer_balances: '我的余额', orders: '订单', order_status: '状态',
    os_1: '待审核', os_2: '待退款', os_3: '处理中', os_4: '已取消', os_5: '已完成',
    os_6: '待支付', os_9: '待确认', os_10: '待发货', os_11: '已发货', os_12: '失败', os_13: '已关闭',
    pay_order: '支付订单 {id}', use_coupons: '使用的优惠券（最多 3 张）', no_coupons: '没有可用于该订单的优惠券。',
    ask_partner: '请伙伴代付', asked: '已请伙伴代付订单 {id}。', coupon_amount: '优惠券',
    my_coupons: '我的优惠券', coupon_type: '类型', close: '关闭', received_customer_invitations: '来自伙伴的邀请',
    accepted: '已接受。',
    use_discount: '折扣（最多 1 个）', no_discount: '不使用折扣', assign_manager: '指定客户经理',
    dt_0: '促销折扣', dt_1: '合同折扣', dt_2: '商务折扣', dt_3: '伙伴授予折扣', dt_609: '订单调价',
    nav_partners: '伙伴目录', nav_reviews: '审核队列', role_operator: '运营方', partners: '伙伴',
    partner_type: '类型', country_code: '国家/地区', marketing_plan: '营销计划', parent_partner_id: '一级经销商',
    total: '共 {n} 条', po_queue: '待审核的 PO 商机', partner_id: '伙伴', approve: '通过',
    operator_login: '运营方：使用访问密钥登录', access_key: '访问密钥 ID（AK）', secret_key: '秘密访问密钥（SK）',
  },
};

export const LANGS = [['zh-CN', '中文'], ['en', 'English']];
let lang = pick();

function pick() {
  const saved = localStorage.getItem('bss.lang');
  if (saved && dict[saved]) return saved;
  const prefs = navigator.languages || [navigator.language || 'en'];
  for (const l of prefs) {
    if (/^zh/i.test(l)) return 'zh-CN';
    if (/^en/i.test(l)) return 'en';
  }
  return 'en';
}

export function getLang() { return lang; }
export function setLang(l) {
  if (!dict[l]) return;
  lang = l;
  localStorage.setItem('bss.lang', l);
  document.documentElement.lang = l;
}

export function t(key, vars) {
  let s = dict[lang][key] ?? dict.en[key] ?? key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replaceAll(`{${k}}`, v);
  return s;
}

export function money(v, currency) {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  return new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'CNY' }).format(n);
}

export function time(v) {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function number(v) {
  return new Intl.NumberFormat(lang).format(v);
}
