//! Importers and exporters (in progress).
