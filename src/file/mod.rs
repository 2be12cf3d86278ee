//! Reading and writing topology files: the versioned envelope, migrations, error paths, atomic saves.
