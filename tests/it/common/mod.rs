//! What the test modules share.

pub(crate) mod spans;
