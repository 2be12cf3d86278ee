//! The validator's rules, one module per group of rules, as specifications: for each rule
//! the case where it fires and the neighbouring cases where it must stay quiet. One test
//! binary, so the shared builders in `support` are compiled once.

mod engine;
mod identity;
mod model_roles;
mod sharing;
mod support;
mod transport;
mod v2_certificates;
mod v2_lifecycle;
mod v2_namespaces;
mod v2_perimeter;
mod versions;
