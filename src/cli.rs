//! The command line: `validate`, `schema`, `rules`, `export`, or the designer.
