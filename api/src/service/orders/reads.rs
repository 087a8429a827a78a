//! Reading orders: lists, one order with its lines, its discounts, refunds and the coupons
//! that could pay it.

use super::{acting, payment::line_scopes, visible, Outcome};
use crate::auth::Principal;
use domain::orders::{Order, OrderLine, OrderType, Refund};
use domain::paging::Page;
use domain::payment::{self, DiscountType, OrderDiscount, OrderFacts, PayRequest};
use domain::vouchers::coupon::Coupon;
use persistence::repo::coupons::{self, CouponFilter};
use persistence::repo::orders::{self as repo, OrderFilter};
use persistence::repo::{customers, refunds};
use persistence::DbConnection;

/// An order as lists show it: with the type of the discount it was paid with.
pub struct Listed {
    pub order: Order,
    pub discount_type: Option<DiscountType>,
}

/// Whose orders a list covers.
pub enum Whose<'a> {
    /// A customer's own orders (`customer_id`, if given, must be its own).
    Customer {
        me: &'a str,
        customer_id: Option<&'a str>,
    },
    /// The partner's (or, acting for it, its reseller's) customers' orders; `oneself` lists
    /// what the partner bought itself, which is nothing here.
    Partner {
        me: &'a str,
        indirect: Option<&'a str>,
        customer_id: Option<&'a str>,
        oneself: bool,
    },
}

pub fn list(
    conn: &mut DbConnection,
    whose: &Whose<'_>,
    mut f: OrderFilter,
    page: Page,
) -> Outcome<(i64, Vec<Listed>)> {
    match whose {
        Whose::Customer { me, customer_id } => {
            // Another customer's id lists nothing, as if it had no orders.
            f.customer_ids = Some(match customer_id {
                Some(id) if id != me => vec![],
                _ => vec![(*me).to_owned()],
            });
        }
        Whose::Partner {
            me,
            indirect,
            customer_id,
            oneself,
        } => {
            f.partner_id = Some(acting::partner(conn, me, *indirect)?.id);
            f.customer_ids = match (oneself, customer_id) {
                (true, _) => Some(vec![]),
                (false, Some(c)) => Some(vec![(*c).to_owned()]),
                (false, None) => None,
            };
        }
    }
    page_of(conn, &f, page)
}

fn page_of(conn: &mut DbConnection, f: &OrderFilter, page: Page) -> Outcome<(i64, Vec<Listed>)> {
    let rows = repo::page(conn, f, page.offset, page.limit)?;
    let types = repo::applied_discount_types(conn, &rows)?;
    let listed = rows
        .into_iter()
        .map(|order| Listed {
            discount_type: types.get(&order.id).copied(),
            order,
        })
        .collect();
    Ok((repo::count(conn, f)?, listed))
}

/// Orders whose customers asked the partner (or its reseller) to pay.
pub fn payment_requests(
    conn: &mut DbConnection,
    me: &str,
    indirect: Option<&str>,
    mut f: OrderFilter,
    page: Page,
) -> Outcome<(i64, Vec<Listed>)> {
    f.partner_id = Some(acting::partner(conn, me, indirect)?.id);
    page_of(conn, &f, page)
}

/// One order with a page of its lines.
pub struct Details {
    pub order: Listed,
    pub user_name: Option<String>,
    pub lines: Vec<OrderLine>,
    pub line_count: i64,
}

pub fn details(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    indirect: Option<&str>,
    page: Page,
) -> Outcome<Details> {
    let o = visible(conn, who, order_id, indirect)?;
    let lines = repo::lines(conn, &o.id, page.offset, page.limit)?;
    let line_count = repo::line_count(conn, &o.id)?;
    let user_name = customers::find(conn, &o.customer_id)?.map(|c| c.domain_name);
    let discount_type = repo::discounts(conn, &o.id)?
        .into_iter()
        .find(|d| Some(&d.id) == o.applied_discount_id.as_ref())
        .map(|d| d.discount_type);
    Ok(Details {
        order: Listed {
            order: o,
            discount_type,
        },
        user_name,
        lines,
        line_count,
    })
}

/// The order's discounts with the ids of its lines (each discount covers all of them).
pub fn discounts(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
) -> Outcome<(Order, Vec<OrderDiscount>, Vec<String>)> {
    let o = visible(conn, who, order_id, None)?;
    let discounts = repo::discounts(conn, &o.id)?;
    let lines = repo::lines(conn, &o.id, 0, 1000)?
        .into_iter()
        .map(|l| l.id)
        .collect();
    Ok((o, discounts, lines))
}

/// The refund an unsubscription order made, if the caller may see that order (any other
/// order has none); a `customer_id` that is not the order's customer finds none.
pub fn refunds_of(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    customer_id: Option<&str>,
    indirect: Option<&str>,
) -> Outcome<(Order, Vec<Refund>)> {
    let o = visible(conn, who, order_id, indirect)?;
    if customer_id.is_some_and(|c| c != o.customer_id) {
        return Ok((o, vec![]));
    }
    if o.order_type != OrderType::Unsubscribe {
        return Ok((o, vec![]));
    }
    let rows = refunds::find(conn, &o.id)?.into_iter().collect();
    Ok((o, rows))
}

/// The customer's coupons that could pay this order now, each alone and without a discount.
pub fn coupons_for(
    conn: &mut DbConnection,
    who: &Principal,
    order_id: &str,
    now: i64,
) -> Outcome<Vec<Coupon>> {
    let o = visible(conn, who, order_id, None)?;
    let lines = line_scopes(conn, &o)?;
    let pending = OrderFacts {
        status: o.status,
        deadline: None,
        amount: o.amount,
        line_ratios: lines.iter().map(|(_, r)| *r).collect(),
        discounts: vec![],
        lines: lines.into_iter().map(|(l, _)| l).collect(),
    };
    let mut out = Vec::new();
    for c in coupons::usable(conn, &o.customer_id, now)? {
        let Some(t) = payment::pay_type_of(c.facts.coupon_type) else {
            continue;
        };
        let r = PayRequest {
            coupons: vec![(c.facts.id.clone(), t)],
            discount: None,
        };
        if payment::plan(&pending, std::slice::from_ref(&c.facts), &r, now).is_ok() {
            out.push(c);
        }
    }
    Ok(out)
}

/// Coupons of the calling customer, or of the partner's (or its reseller's) customers.
pub fn customer_coupons(
    conn: &mut DbConnection,
    who: &Principal,
    indirect: Option<&str>,
    mut f: CouponFilter,
    page: Page,
) -> Outcome<(i64, Vec<Coupon>)> {
    f.customer_ids = match who {
        Principal::Customer(c) => vec![c.customer_id.clone()],
        Principal::PartnerUser(u) => {
            let p = acting::partner(conn, &u.partner_id, indirect)?;
            customers::ids_of_partner(conn, &p.id)?
        }
        Principal::Operator => vec![],
    };
    Ok((
        coupons::count(conn, &f)?,
        coupons::page(conn, &f, page.offset, page.limit)?,
    ))
}
