//! Callbacks from the platform's own gateways (#21). They carry no partner credential: the
//! gateway signs each request with `BSS_GATEWAY_SECRET` (docs/gateway.md).

pub mod voice;
