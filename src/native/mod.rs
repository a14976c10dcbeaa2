//! The native platform: what the CLI and native tests run the core on.

mod files;
mod host;
mod http;

pub use files::FileRoot;
pub use host::NativeHost;
