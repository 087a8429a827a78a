//! Currencies: a partner and its customers hold money in one currency, CNY in China and USD
//! elsewhere; balances say it.

use serde_json::json;
use tests::both_backends;
use tests::fixtures::{link, partner_in, recharge, sub_customer, user};

const TO_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-adjust";
const FROM_RESELLER: &str = "/v2/accounts/partner-accounts/indirect-partner-reclaim";
const ADJUST: &str = "/v2/accounts/partner-accounts/adjust-amount";

both_backends!(
    a_german_distributor_holds_dollars,
    |srv: tests::TestServer| async move {
        let d = partner_in(&srv, "DISTRIBUTOR", "DE").await;
        let fin = user(&srv, &d, &["finance"]).await;
        let c = sub_customer(&srv, &d, "2").await;
        recharge(&srv, &d, "30").await;
        fin.client
            .post(ADJUST, json!({"customer_id": c.id, "amount": 2}))
            .await
            .expect(200, "");
        let b = fin
            .client
            .get("/v2/accounts/partner-accounts/balances", &[])
            .await
            .expect(200, "");
        assert_eq!(b["account_balances"][0]["currency"], "USD", "{b}");
        // The customer (created in CN) holds its partner's currency.
        let own = c
            .client
            .get("/v2/accounts/customer-accounts/balances", &[])
            .await
            .expect(200, "");
        assert_eq!(own["currency"], "USD", "{own}");
        assert_eq!(own["account_balances"][0]["currency"], "USD", "{own}");
        let batch = fin
            .client
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": [{"customer_id": c.id}]}),
            )
            .await
            .expect(200, "");
        assert_eq!(batch["customer_balances"][0]["currency"], "USD", "{batch}");
        // A reseller is linked in its distributor's country only (CBC.99100012), so both hold
        // the same currency and allocations work; the service refuses any move between
        // currencies all the same (domain::currency::may_move).
        let cn = partner_in(&srv, "RESELLER", "CN").await;
        srv.operator()
            .post(
                &format!("/v2/operator/partners/{}/indirect-partners", d.id),
                json!({"indirect_partner_id": cn.id}),
            )
            .await
            .expect(400, "CBC.99100012");
        let de = partner_in(&srv, "RESELLER", "DE").await;
        link(&srv, &d, &de).await;
        fin.client
            .post(
                TO_RESELLER,
                json!({"indirect_partner_id": de.id, "amount": 5}),
            )
            .await
            .expect(200, "");
        fin.client
            .post(
                FROM_RESELLER,
                json!({"indirect_partner_id": de.id, "amount": 1}),
            )
            .await
            .expect(200, "");
        let rb = user(&srv, &de, &["finance"])
            .await
            .client
            .get("/v2/accounts/partner-accounts/balances", &[])
            .await
            .expect(200, "");
        assert_eq!(rb["account_balances"][0]["currency"], "USD", "{rb}");
        tests::fixtures::assert_ledger(&srv).await;
    }
);
