//! S2 PCE: join conditions (the operator's, or the defaults), membership, the benefits and
//! the shared-opportunity incentive rule (the operator's configuration), and the
//! opportunities the platform shares with members.

use crate::service::not_found;
use crate::service::programs::payouts::{self, NewIncentive};
use crate::service::programs::{stored, Decided};
use crate::service::{Failure, Outcome};
use domain::code::Coded;
use domain::opportunities::pce::incentive::{self, IncentiveCurrency, IncentiveRule, Percent};
use domain::opportunities::pce::{self, Benefit, JoinCondition, PceFacts, SharedStatus};
use domain::programs::paths::{PathType, Stage};
use domain::{codes, Amount, Money, Violation};
use persistence::repo::opportunities::pce::{self as repo, ConditionRow, MemberRow, SharedRow};
use persistence::repo::opportunities::pce::{BenefitRow, IncentiveRuleRow};
use persistence::repo::partners;
use persistence::repo::programs::paths;
use persistence::{DbConnection, StoreError};

/// The conditions in force.
pub fn conditions(conn: &mut DbConnection) -> Result<Vec<JoinCondition>, Failure> {
    let rows = repo::conditions(conn)?;
    if rows.is_empty() {
        return Ok(pce::default_conditions());
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            stored(JoinCondition::parse(
                i,
                &r.condition_type,
                r.path_type.as_deref(),
                r.stage.as_deref(),
            ))
        })
        .collect()
}

pub fn set_conditions(
    conn: &mut DbConnection,
    list: &[JoinCondition],
    now: i64,
) -> Result<(), Failure> {
    let rows: Vec<ConditionRow> = list
        .iter()
        .zip(0..)
        .map(|(c, i)| {
            let (path_type, stage) = match c {
                JoinCondition::PathStage { path_type, stage } => (
                    path_type.map(|p| p.as_str().to_owned()),
                    Some(stage.as_str().to_owned()),
                ),
                JoinCondition::AgreementSigned => (None, None),
            };
            ConditionRow {
                position: i,
                condition_type: c.kind().to_owned(),
                path_type,
                stage,
                updated_at: now,
            }
        })
        .collect();
    Ok(repo::replace_conditions(conn, &rows)?)
}

/// The facts the conditions look at; `agreement_signed` is what the partner declares now.
pub fn facts(
    conn: &mut DbConnection,
    partner_id: &str,
    agreement_signed: bool,
) -> Result<PceFacts, Failure> {
    let stages = paths::for_partner(conn, partner_id)?
        .iter()
        .map(|r| {
            Ok((
                stored(PathType::parse(&r.path_type))?,
                stored(Stage::parse(&r.stage))?,
            ))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    Ok(PceFacts {
        stages,
        agreement_signed,
    })
}

/// Joins when one condition is met; refused with every condition otherwise.
pub fn join(
    conn: &mut DbConnection,
    partner_id: &str,
    agreement_signed: bool,
    now: i64,
) -> Result<Decided<MemberRow>, Failure> {
    let conds = conditions(conn)?;
    let f = facts(conn, partner_id, agreement_signed)?;
    let member = repo::member(conn, partner_id)?.is_some();
    if let Err(all) = pce::join(&conds, &f, member) {
        return crate::audit::refusing(all);
    }
    let by = conds
        .iter()
        .find(|c| pce::met(c, &f))
        .map_or(pce::AGREEMENT, JoinCondition::kind);
    let row = MemberRow {
        partner_id: partner_id.to_owned(),
        joined_at: now,
        agreement_signed_at: agreement_signed.then_some(now),
        qualified_by: by.to_owned(),
    };
    match repo::add_member(conn, &row) {
        Ok(()) => Ok(Ok(row)),
        Err(StoreError::Duplicate(_)) => crate::audit::refusing(vec![Violation::new(
            codes::PCE_ALREADY_MEMBER,
            "you are already a member of the partner co-expansion plan",
        )]),
        Err(e) => Err(Failure::from(e)),
    }
}

/// PCE-only operations answer 403 CBC.0151 to non-members.
pub fn require_member(conn: &mut DbConnection, partner_id: &str) -> Result<MemberRow, Failure> {
    repo::member(conn, partner_id)?.ok_or_else(|| {
        Failure::Refused(Violation::new(
            codes::ACCESS_DENIED,
            "only members of the partner co-expansion plan (PCE) may work shared opportunities; join it first",
        ))
    })
}

/// The operator shares an opportunity with a member.
pub fn share(conn: &mut DbConnection, row: &SharedRow) -> Result<(), Failure> {
    partners::find(conn, &row.partner_id)?.ok_or_else(|| not_found("partner"))?;
    if repo::member(conn, &row.partner_id)?.is_none() {
        return Err(Failure::Refused(Violation::new(
            codes::PCE_NOT_MEMBER,
            "partner_id is not a member of the partner co-expansion plan; opportunities are shared with members only",
        )));
    }
    Ok(repo::share(conn, row)?)
}

/// A member confirms, declines or closes a shared opportunity.
pub fn move_shared(
    conn: &mut DbConnection,
    partner_id: &str,
    id: &str,
    next: SharedStatus,
    reason: Option<&str>,
    now: i64,
) -> Result<SharedRow, Failure> {
    require_member(conn, partner_id)?;
    let row =
        repo::find_shared(conn, partner_id, id)?.ok_or_else(|| not_found("shared opportunity"))?;
    let current = stored(SharedStatus::parse("status", &row.status))?;
    pce::move_shared(current, next)?;
    if !repo::set_shared_status(conn, id, current.as_str(), next.as_str(), reason, now)? {
        return Err(changed_meanwhile());
    }
    if next == SharedStatus::Won {
        grant_incentive(conn, &row, now)?;
    }
    repo::find_shared(conn, partner_id, id)?.ok_or_else(|| not_found("shared opportunity"))
}

fn changed_meanwhile() -> Failure {
    Failure::Refused(Violation::new(
        codes::PCE_STATUS,
        "the shared opportunity's status changed meanwhile",
    ))
}

/// Benefit 3: the opportunity just moved to `WON` (this transaction holds that move, so it
/// runs once per opportunity) grants its partner the incentive of the operator's rule, if a
/// rule is set and the incentive is more than nothing. The unique index on the incentive's
/// source keeps it once even so.
fn grant_incentive(conn: &mut DbConnection, row: &SharedRow, now: i64) -> Outcome<()> {
    let Some(rule) = incentive_rule(conn)? else {
        return Ok(());
    };
    let estimated = Money::from_cents(row.expected_monthly_cents);
    let Some(amount) = rule.incentive(estimated) else {
        return Ok(());
    };
    let granted = payouts::grant(
        conn,
        &row.partner_id,
        &NewIncentive {
            incentive_type: incentive::INCENTIVE_TYPE.to_owned(),
            amount,
            currency: rule.currency.as_str().to_owned(),
            source_id: Some(row.id.clone()),
            remark: Some(format!(
                "{} % of the estimated revenue {estimated}, at most {}",
                rule.percentage.to_decimal(),
                rule.cap.money()
            )),
        },
        now,
    );
    let incentive = match granted {
        Ok(i) => i,
        Err(Failure::Store(StoreError::Duplicate(_))) => return Err(changed_meanwhile()),
        Err(e) => return Err(e),
    };
    if !repo::set_shared_incentive(conn, &row.id, &incentive.id)? {
        return Err(changed_meanwhile());
    }
    Ok(())
}

/// The benefits of membership as configured (the seed's three until the operator changes
/// them).
pub fn benefits(conn: &mut DbConnection) -> Outcome<Vec<Benefit>> {
    Ok(repo::benefits(conn)?
        .into_iter()
        .map(|r| Benefit {
            code: r.code,
            name: r.name,
        })
        .collect())
}

/// Replaces the benefits (checked by `pce::check_benefits`).
pub fn set_benefits(conn: &mut DbConnection, list: &[Benefit], now: i64) -> Outcome<()> {
    pce::check_benefits(list)?;
    let rows: Vec<BenefitRow> = list
        .iter()
        .zip(0..)
        .map(|(b, i)| BenefitRow {
            position: i,
            code: b.code.clone(),
            name: b.name.clone(),
            updated_at: now,
        })
        .collect();
    Ok(repo::replace_benefits(conn, &rows)?)
}

/// The operator's shared-opportunity incentive rule; none until set.
pub fn incentive_rule(conn: &mut DbConnection) -> Outcome<Option<IncentiveRule>> {
    let Some(r) = repo::incentive_rule(conn)? else {
        return Ok(None);
    };
    let bad = |what: &str| Failure::internal(format!("stored PCE incentive rule: bad {what}"));
    Ok(Some(IncentiveRule {
        percentage: Percent::from_hundredths(i64::from(r.percent_hundredths))
            .ok_or_else(|| bad("percentage"))?,
        cap: Amount::new(Money::from_cents(r.cap_cents)).map_err(|_| bad("cap"))?,
        currency: IncentiveCurrency::from_text(&r.currency).ok_or_else(|| bad("currency"))?,
    }))
}

/// Sets the rule; it applies to opportunities won from now on.
pub fn set_incentive_rule(conn: &mut DbConnection, rule: &IncentiveRule, now: i64) -> Outcome<()> {
    let percent_hundredths = i32::try_from(rule.percentage.hundredths())
        .map_err(|_| Failure::internal("percentage out of range"))?;
    Ok(repo::put_incentive_rule(
        conn,
        &IncentiveRuleRow {
            id: 1,
            percent_hundredths,
            cap_cents: rule.cap.cents(),
            currency: rule.currency.as_str().to_owned(),
            updated_at: now,
        },
    )?)
}
