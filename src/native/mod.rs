//! The native platform: what the CLI and native tests run the core on.

mod host;

pub use host::NativeHost;
