//! S16 outbound calls (#21).

use crate::wire::Code;

codes! {
    CallStatusCode = Code<domain::calls::CallStatus>;
    CallOutcomeCode = Code<domain::calls::CallOutcome>;
}
