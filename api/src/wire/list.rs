//! A list with bounds on its length, stated once in its type: `List<CouponRef, 1, MAX_COUPONS>`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::ArrayBuilder;
use utoipa::openapi::{RefOr, Schema};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T, const MIN: usize, const MAX: usize>(Vec<T>);

impl<T, const MIN: usize, const MAX: usize> List<T, MIN, MAX> {
    pub fn new(items: Vec<T>) -> Result<Self, String> {
        if items.len() < MIN || items.len() > MAX {
            return Err(if MIN == 0 {
                format!("may hold at most {MAX} items")
            } else if MIN == MAX {
                format!("must hold {MIN} items")
            } else {
                format!("must hold {MIN} to {MAX} items")
            });
        }
        Ok(Self(items))
    }

    pub fn into_inner(self) -> Vec<T> {
        self.0
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, T, const MIN: usize, const MAX: usize> IntoIterator for &'a List<T, MIN, MAX> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de, T: Deserialize<'de>, const MIN: usize, const MAX: usize> Deserialize<'de>
    for List<T, MIN, MAX>
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(Vec::<T>::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl<T: Serialize, const MIN: usize, const MAX: usize> Serialize for List<T, MIN, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T: ToSchema, const MIN: usize, const MAX: usize> ToSchema for List<T, MIN, MAX> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(format!("wire.List_{}_{MIN}_{MAX}", T::name()))
    }

    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        out.push((
            T::name().into_owned(),
            <T as utoipa::PartialSchema>::schema(),
        ));
        T::schemas(out);
    }
}

/// utoipa composes generic field types through this; a list's items are its own schema.
impl<T: ToSchema, const MIN: usize, const MAX: usize> utoipa::__dev::ComposeSchema
    for List<T, MIN, MAX>
{
    fn compose(generics: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        let item = generics
            .into_iter()
            .next()
            .unwrap_or_else(|| RefOr::Ref(utoipa::openapi::Ref::from_schema_name(T::name())));
        ArrayBuilder::new()
            .items(item)
            .min_items((MIN > 0).then_some(MIN))
            .max_items(Some(MAX))
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_come_from_the_type() {
        assert!(List::<u8, 1, 3>::new(vec![]).is_err());
        assert!(List::<u8, 1, 3>::new(vec![1, 2, 3]).is_ok());
        let e = List::<u8, 1, 3>::new(vec![1, 2, 3, 4]).err();
        assert_eq!(e.as_deref(), Some("must hold 1 to 3 items"));
        let e = serde_json::from_str::<List<u8, 0, 2>>("[1,2,3]").err();
        assert!(e.is_some_and(|e| e.to_string().contains("at most 2")));
    }
}
