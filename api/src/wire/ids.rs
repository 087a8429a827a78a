//! Ids of the objects a request names. All are 1 to [`domain::limits::ID`] characters; each
//! type carries the example the document shows for it.

use crate::text_type;
use domain::limits::ID;

text_type!(/// An order id.
    OrderId, 1..=ID, "CS2412041234ABCD");
text_type!(/// A customer's id.
    CustomerId, 1..=ID, "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
text_type!(/// A partner's id.
    PartnerId, 1..=ID, "5f1e2d3c4b5a69788796a5b4c3d2e1f0");
text_type!(/// A partner user's id.
    UserId, 1..=ID, "7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29");
text_type!(/// A coupon's id.
    CouponId, 1..=ID, "CP2412040001");
text_type!(/// A discount's id.
    DiscountId, 1..=ID, "DS2412040001");
text_type!(/// A coupon quota's id.
    QuotaId, 1..=ID, "QT2412040001");
text_type!(/// A product's id.
    ProductId, 1..=ID, "00301-000001-0--0");
text_type!(/// A cloud service type code.
    ServiceTypeCode, 1..=ID, "hws.service.type.ec2");
