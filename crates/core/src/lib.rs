//! Pure domain core of normbase: no I/O, no async.
//!
//! - [`designation`]: parse and normalise standard designations ("GB/T 19001-2016", "ISO 9001:2015/Amd 1:2020").
//! - [`record`]: one standard edition as the catalogue stores it.
//! - [`status`]: the status rules (current, upcoming, replaced, withdrawn, draft).
//! - [`check`]: resolving references against the catalogue (标准查新) over an abstract lookup.

pub mod check;
pub mod codes;
pub mod date;
pub mod designation;
pub mod import;
pub mod record;
pub mod status;

pub use date::PartialDate;
pub use designation::{Designation, Kind, ParseError};
pub use record::{Adoption, Degree, Record, Relation, RelationKind, Titles};
pub use status::{Status, StatusVerdict};
