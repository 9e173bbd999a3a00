//! Validity check (标准查新): resolving references against the catalogue.
