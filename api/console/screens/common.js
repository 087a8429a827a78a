// Look-ups shared by several screens: the partner's customers and resellers for pickers.
import { api } from '../api.js';
import { t } from '../i18n.js';

export async function customerOptions() {
  const r = await api('POST', '/v2/partners/sub-customers/query', { body: { limit: 100 } });
  return r.customer_infos.map((c) => [c.customer_id, `${c.account_name} (${c.customer_id})`]);
}

export async function resellerOptions() {
  try {
    const r = await api('POST', '/v2/partners/indirect-partners/query', { body: { limit: 100 } });
    return r.indirect_partners.map((p) => [p.indirect_partner_id, `${p.name} (${p.account_name})`]);
  } catch { return []; }
}

export const pick = (opts) => [['', '—'], ...opts];
export const statusLabel = (s) => t(`st_${s}`);
