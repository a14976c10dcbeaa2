//! `require("fs")`.

use boa_engine::{Context, JsObject, JsResult, object::ObjectInitializer};

use super::NativeModule;

/// The `fs` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct FsModule;

impl NativeModule for FsModule {
    fn name(&self) -> &str {
        "fs"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context).build())
    }
}
