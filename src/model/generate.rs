//! Synthetic plans of any size for benchmarks and property tests.
