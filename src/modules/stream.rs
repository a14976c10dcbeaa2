//! `require("stream")`.

use boa_engine::{Context, JsObject, JsResult, object::ObjectInitializer};

use super::NativeModule;

/// The `stream` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct StreamModule;

impl NativeModule for StreamModule {
    fn name(&self) -> &str {
        "stream"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context).build())
    }
}
