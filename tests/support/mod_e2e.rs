//! The support modules the end-to-end tests (tests/e2e/) use.
pub mod axe;
pub mod driver;
pub mod noise;
pub mod tmpfs;
