//! The subset of the Relaton bibliographic model the importer reads.
//!
//! Relaton documents converted from YAML give many elements either as a list
//! or as a single object (and some as a bare string): [`OneOrMany`] accepts all.

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A list given as a list, a single value, or null.
#[derive(Clone, Debug, PartialEq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T> OneOrMany<T> {
    /// The items.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(2));
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(OneOrMany(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(OneOrMany(vec![T::deserialize(
                    de::value::MapAccessDeserializer::new(map),
                )?]))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![T::deserialize(s.into_deserializer())?]))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![T::deserialize(s.into_deserializer())?]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Text given as a bare string or as `{content, language}` (or `{value}`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    /// The text.
    pub content: Option<String>,
    /// Language codes.
    pub language: Vec<String>,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            S(String),
            M {
                #[serde(default, alias = "value")]
                content: Option<String>,
                #[serde(default)]
                language: OneOrMany<String>,
            },
        }
        Ok(match Repr::deserialize(d)? {
            Repr::S(s) => Text {
                content: Some(s),
                language: vec![],
            },
            Repr::M { content, language } => Text {
                content,
                language: language.0,
            },
        })
    }
}

/// One Relaton document (a bibitem).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Doc {
    pub id: Option<String>,
    pub title: OneOrMany<Title>,
    pub docid: OneOrMany<DocId>,
    pub date: OneOrMany<DateEl>,
    pub contributor: OneOrMany<Contributor>,
    #[serde(rename = "abstract")]
    pub abstract_: OneOrMany<Text>,
    pub docstatus: Option<DocStatus>,
    pub relation: OneOrMany<Relation>,
    pub ext: Option<Ext>,
    /// Older documents keep `ics` and `editorialgroup` at the top level.
    pub ics: OneOrMany<Ics>,
    pub editorialgroup: Option<EditorialGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Title {
    pub content: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub language: OneOrMany<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocId {
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub primary: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DateEl {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(alias = "on")]
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Contributor {
    pub organization: Option<Organization>,
    pub role: OneOrMany<Role>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub name: OneOrMany<Text>,
    pub abbreviation: Option<Text>,
}

/// A role: `{type: publisher}` or `publisher`.
#[derive(Debug, Default)]
pub struct Role(pub Option<String>);

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            S(String),
            M {
                #[serde(default, rename = "type")]
                kind: Option<String>,
            },
        }
        Ok(Role(match Repr::deserialize(d)? {
            Repr::S(s) => Some(s),
            Repr::M { kind } => kind,
        }))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocStatus {
    pub stage: Option<Text>,
    pub substage: Option<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Relation {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub bibitem: Option<BibRef>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BibRef {
    pub docid: OneOrMany<DocId>,
    pub formattedref: Option<Text>,
    pub date: OneOrMany<DateEl>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ext {
    pub ics: OneOrMany<Ics>,
    pub editorialgroup: Option<EditorialGroup>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ics {
    pub code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditorialGroup {
    pub technical_committee: OneOrMany<Committee>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Committee {
    pub name: Option<Text>,
    pub identifier: Option<String>,
}
