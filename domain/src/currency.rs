//! The currency money is held in. A partner and its customers hold money in one currency:
//! CNY for a partner in China (`CN`), USD elsewhere; a customer's is its partner's (its own
//! country's while it has none). Money never moves between currencies.

use crate::{codes, Violation};

crate::coded_enum! {
    /// CNY (China) or USD (elsewhere).
    pub enum Currency: text {
        Cny = "CNY",
        Usd = "USD",
    }
}

impl Currency {
    /// The currency of money held in `country_code`.
    pub fn of_country(country_code: &str) -> Self {
        if country_code.eq_ignore_ascii_case("CN") {
            Self::Cny
        } else {
            Self::Usd
        }
    }

    /// A customer's: its partner's country's, else its own.
    pub fn of_customer(own_country: &str, partner_country: Option<&str>) -> Self {
        Self::of_country(partner_country.unwrap_or(own_country))
    }
}

/// Money moves from an account in `from` to one in `to` only when the two are the same.
pub fn may_move(from: Currency, to: Currency) -> Result<(), Violation> {
    if from == to {
        return Ok(());
    }
    Err(Violation::new(
        codes::CURRENCY_MISMATCH,
        format!(
            "money does not move between currencies: {} to {}",
            from.as_str(),
            to.as_str()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_by_country_and_moves() {
        assert_eq!(Currency::of_country("CN"), Currency::Cny);
        assert_eq!(Currency::of_country("DE"), Currency::Usd);
        assert_eq!(Currency::of_customer("CN", Some("DE")), Currency::Usd);
        assert_eq!(Currency::of_customer("CN", None), Currency::Cny);
        assert!(may_move(Currency::Usd, Currency::Usd).is_ok());
        assert_eq!(
            may_move(Currency::Cny, Currency::Usd).map_err(|v| v.code),
            Err(codes::CURRENCY_MISMATCH)
        );
    }
}
