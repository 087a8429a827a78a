//! The kinds of ledger rows, with Huawei's exact spellings (including its "OPERAIION" typo).

/// A balance change's detail type and the `trade_type` family it is filtered under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeDetail {
    Recharge,
    AdjustCredit,
    /// A partner allocates money (to a customer or a reseller).
    BeAdjust,
    /// A partner reclaims money it allocated.
    BeRetrieve,
    Deduct,
    Refund,
    /// Pay-per-use consumption charged from a usage fee record (issue 22).
    Usage,
    /// Arrears settled by money that reached the account (issue 22).
    WriteOff,
}

impl TradeDetail {
    pub const ALL: [TradeDetail; 8] = [
        Self::Recharge,
        Self::AdjustCredit,
        Self::BeAdjust,
        Self::BeRetrieve,
        Self::Deduct,
        Self::Refund,
        Self::Usage,
        Self::WriteOff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Recharge => "SOURCE_OPERAIION_RECHARGE",
            Self::AdjustCredit => "SOURCE_OPERAIION_ADJUST_CREDIT",
            Self::BeAdjust => "SOURCE_OPERATION_BEADJUST",
            Self::BeRetrieve => "SOURCE_OPERATION_BERETRIEVE",
            Self::Deduct => "SOURCE_OPERAIION_DEDEUCT",
            Self::Refund => "SOURCE_OPERAIION_REFUND",
            Self::Usage => "SOURCE_OPERAIION_USAGE",
            Self::WriteOff => "SOURCE_OPERAIION_WRITEOFF",
        }
    }

    /// The `trade_type` filter value of ListPartnerAccountChangeRecords this row answers to.
    pub fn trade_type(self) -> &'static str {
        match self {
            Self::Recharge => "RECHARGE",
            Self::AdjustCredit => "ADJUST",
            Self::BeAdjust => "BEADJUST",
            Self::BeRetrieve => "BERETRIEVE",
            Self::Deduct | Self::Usage | Self::WriteOff => "DEDEUCT",
            Self::Refund => "REFUND",
        }
    }
}
