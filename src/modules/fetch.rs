//! `require("fetch")`.

use boa_engine::{Context, JsObject, JsResult, object::ObjectInitializer};

use super::NativeModule;

/// The `fetch` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchModule;

impl NativeModule for FetchModule {
    fn name(&self) -> &str {
        "fetch"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context).build())
    }
}
