//! A closed set on the wire: [`Code<E>`] reads and writes a domain enum by its code and
//! lists every code in the document.

use domain::code::{Code as C, Coded};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code<E>(pub E);

impl<E: Coded> Code<E> {
    pub fn get(self) -> E {
        self.0
    }
}

fn is_int<E: Coded>() -> bool {
    matches!(E::ALL.first().map(|m| m.code()), Some(C::Int(_)))
}

fn unknown<E: Coded, Err: serde::de::Error>() -> Err {
    Err::custom(format!("must be one of {}", E::listing()))
}

impl<'de, E: Coded> Deserialize<'de> for Code<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let found = if is_int::<E>() {
            E::from_int(i64::deserialize(d)?)
        } else {
            E::from_text(&String::deserialize(d)?)
        };
        found.map(Code).ok_or_else(unknown::<E, D::Error>)
    }
}

impl<E: Coded> Serialize for Code<E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.code() {
            C::Int(n) => s.serialize_i64(n),
            C::Text(t) => s.serialize_str(t),
        }
    }
}

impl<E: Coded> PartialSchema for Code<E> {
    fn schema() -> RefOr<Schema> {
        let values: Vec<serde_json::Value> = E::ALL
            .iter()
            .map(|m| match m.code() {
                C::Int(n) => serde_json::json!(n),
                C::Text(t) => serde_json::json!(t),
            })
            .collect();
        let example = values.first().cloned();
        let kind = if is_int::<E>() {
            Type::Integer
        } else {
            Type::String
        };
        let doc = E::DOC.trim();
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(kind))
            .enum_values(Some(values))
            .examples(example)
            .description((!doc.is_empty()).then_some(doc))
            .into()
    }
}

impl<E: Coded> ToSchema for Code<E> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(format!("wire.{}", E::NAME))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    domain::coded_enum! {
        /// 4 cancelled, 6 pending.
        pub enum S: int { Cancelled = 4, Pending = 6 }
    }

    #[test]
    fn reads_codes_and_names_the_set_when_unknown() {
        let ok: Option<Code<S>> = serde_json::from_str("6").ok();
        assert_eq!(ok.map(Code::get), Some(S::Pending));
        let err = serde_json::from_str::<Code<S>>("5")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("must be one of 4 or 6")));
        assert_eq!(
            serde_json::to_string(&Code(S::Cancelled)).ok().as_deref(),
            Some("4")
        );
    }
}

/// An integer-coded set written as text, where Huawei's field is a string (`"1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodeText<E>(pub E);

impl<E: Coded> CodeText<E> {
    pub fn get(self) -> E {
        self.0
    }
}

impl<'de, E: Coded> Deserialize<'de> for CodeText<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        E::ALL
            .iter()
            .copied()
            .find(|m| m.code().to_string() == s)
            .map(CodeText)
            .ok_or_else(unknown::<E, D::Error>)
    }
}

impl<E: Coded> PartialSchema for CodeText<E> {
    fn schema() -> RefOr<Schema> {
        let values: Vec<String> = E::ALL.iter().map(|m| m.code().to_string()).collect();
        let doc = E::DOC.trim();
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .examples(values.first().map(|v| serde_json::json!(v)))
            .enum_values(Some(values))
            .description((!doc.is_empty()).then_some(doc))
            .into()
    }
}

impl<E: Coded> ToSchema for CodeText<E> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(format!("wire.{}Text", E::NAME))
    }
}
