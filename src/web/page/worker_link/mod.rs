//! The page's link to the engine's Web Worker: starting, messaging and replacing it, and reading
//! what it sends. It knows nothing of the views; the app ([`super::app`]) decides what a message
//! means.
//!
//! | module | its one job |
//! |---|---|
//! | [`worker_client`] | spawning, messaging, terminating and restarting the worker |
//! | [`wire`] | reading the worker's messages (small and fast, checked against the derived serde) |

pub mod wire;
pub mod worker_client;
