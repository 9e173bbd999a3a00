//! The subset of the Relaton bibliographic model the importer reads.
//!
//! Relaton documents converted from YAML give many elements either as a list
//! or as a single object (and some as a bare string): [`OneOrMany`] accepts all.

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
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

/// A string borrowed from the input when it has no escapes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(n.to_string())))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(n.to_string())))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(n.to_string())))
            }
        }
        d.deserialize_any(V)
    }
}

/// Text given as a bare string or as `{content, language}` (or `{value}`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text<'a> {
    /// The text.
    pub content: Option<Str<'a>>,
    /// Language codes.
    pub language: Vec<Str<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or {content, language}")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text {
                    content: Some(Str(Cow::Borrowed(s))),
                    language: vec![],
                })
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text {
                    content: Some(Str(Cow::Owned(s.to_string()))),
                    language: vec![],
                })
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text {
                    content: Some(Str(Cow::Owned(s))),
                    language: vec![],
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Text<'de>, E> {
                Ok(Text {
                    content: Some(Str(Cow::Owned(n.to_string()))),
                    language: vec![],
                })
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Text<'de>, E> {
                Ok(Text {
                    content: Some(Str(Cow::Owned(n.to_string()))),
                    language: vec![],
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
                Ok(Text::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
                let mut t = Text::default();
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match k.as_ref() {
                        "content" | "value" => {
                            t.content = map
                                .next_value::<Option<Text<'de>>>()?
                                .and_then(|x| x.content)
                        }
                        "language" => t.language = map.next_value::<OneOrMany<Str<'de>>>()?.0,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_any(V)
    }
}

/// One Relaton document (a bibitem).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Doc<'a> {
    #[serde(borrow)]
    pub id: Option<Str<'a>>,
    /// Relaton schema version of the harvest ("v1.2.9"): newer harvests carry newer versions.
    #[serde(rename = "schema-version")]
    #[serde(borrow)]
    pub schema_version: Option<Str<'a>>,
    /// Date the record was fetched, when given.
    #[serde(borrow)]
    pub fetched: Option<Str<'a>>,
    #[serde(borrow)]
    pub title: OneOrMany<Title<'a>>,
    #[serde(borrow)]
    pub docid: OneOrMany<DocId<'a>>,
    #[serde(borrow)]
    pub date: OneOrMany<DateEl<'a>>,
    #[serde(borrow)]
    pub contributor: OneOrMany<Contributor<'a>>,
    #[serde(rename = "abstract")]
    #[serde(borrow)]
    pub abstract_: OneOrMany<Text<'a>>,
    #[serde(borrow)]
    pub docstatus: Option<DocStatus<'a>>,
    #[serde(borrow)]
    pub relation: OneOrMany<Relation<'a>>,
    #[serde(borrow)]
    pub ext: Option<Ext<'a>>,
    /// Older documents keep `ics` and `editorialgroup` at the top level.
    #[serde(borrow)]
    pub ics: OneOrMany<Ics<'a>>,
    #[serde(borrow)]
    pub editorialgroup: Option<EditorialGroup<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Title<'a> {
    #[serde(borrow)]
    pub content: Option<Str<'a>>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub language: OneOrMany<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocId<'a> {
    #[serde(borrow)]
    pub id: Option<Str<'a>>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    pub kind: Option<Str<'a>>,
    pub primary: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DateEl<'a> {
    #[serde(rename = "type")]
    #[serde(borrow)]
    pub kind: Option<Str<'a>>,
    #[serde(alias = "on")]
    #[serde(borrow)]
    pub value: Option<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Contributor<'a> {
    #[serde(borrow)]
    pub organization: Option<Organization<'a>>,
    pub role: OneOrMany<Role>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Organization<'a> {
    #[serde(borrow)]
    pub name: OneOrMany<Text<'a>>,
    #[serde(borrow)]
    pub abbreviation: Option<Text<'a>>,
}

/// A role: `{type: publisher}` or `publisher`.
#[derive(Debug, Default)]
pub struct Role(pub Option<String>);

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Text::deserialize(RoleDe(d))?;
        Ok(Role(t.content.map(|c| c.0.into_owned())))
    }
}

/// Reads a role `{type: …}` as a [`Text`] whose content is the type.
struct RoleDe<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for RoleDe<D> {
    type Error = D::Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        struct Rename<V>(V);
        impl<'de, V: Visitor<'de>> Visitor<'de> for Rename<V> {
            type Value = V::Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                self.0.expecting(f)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
                self.0.visit_str(s)
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
                self.0.visit_string(s)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
                let mut kind: Option<String> = None;
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if k == "type" {
                        kind = map.next_value()?;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                match kind {
                    Some(k) => self.0.visit_string(k),
                    None => self.0.visit_unit(),
                }
            }
        }
        self.0.deserialize_any(Rename(v))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocStatus<'a> {
    #[serde(borrow)]
    pub stage: Option<Text<'a>>,
    #[serde(borrow)]
    pub substage: Option<Text<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Relation<'a> {
    #[serde(rename = "type")]
    #[serde(borrow)]
    pub kind: Option<Str<'a>>,
    #[serde(borrow)]
    pub bibitem: Option<BibRef<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BibRef<'a> {
    #[serde(borrow)]
    pub docid: OneOrMany<DocId<'a>>,
    #[serde(borrow)]
    pub formattedref: Option<Text<'a>>,
    #[serde(borrow)]
    pub date: OneOrMany<DateEl<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ext<'a> {
    #[serde(borrow)]
    pub ics: OneOrMany<Ics<'a>>,
    #[serde(borrow)]
    pub editorialgroup: Option<EditorialGroup<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ics<'a> {
    #[serde(borrow)]
    pub code: Option<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EditorialGroup<'a> {
    #[serde(borrow)]
    pub technical_committee: OneOrMany<Committee<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Committee<'a> {
    #[serde(borrow)]
    pub name: Option<Text<'a>>,
    #[serde(borrow)]
    pub identifier: Option<Str<'a>>,
}
