//! Loading native modules: `require(name)` and the engine's `import` hook, sharing one cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    js_string,
    module::{Module, ModuleLoader, ModuleRequest, Referrer, SyntheticModuleInitializer},
    property::PropertyKey,
};

use super::ModuleRegistry;

/// Resolves module names against a [`ModuleRegistry`] and caches what it built, so
/// `require("timer") === require("timer")` and imports see the same functions.
pub(crate) struct NativeModuleLoader {
    registry: ModuleRegistry,
    exports: RefCell<HashMap<String, JsObject>>,
    modules: RefCell<HashMap<String, Module>>,
}

impl NativeModuleLoader {
    pub(crate) fn new(registry: ModuleRegistry) -> Self {
        Self {
            registry,
            exports: RefCell::new(HashMap::new()),
            modules: RefCell::new(HashMap::new()),
        }
    }

    /// The exports object of module `name`, built on first use.
    pub(crate) fn exports_of(&self, name: &str, context: &mut Context) -> JsResult<JsObject> {
        if let Some(exports) = self.exports.borrow().get(name) {
            return Ok(exports.clone());
        }
        let module = self.registry.get(name).ok_or_else(|| not_found(name))?;
        let exports = module.exports(context)?;
        self.exports
            .borrow_mut()
            .insert(name.to_owned(), exports.clone());
        Ok(exports)
    }

    /// The ES module for `name`: every own export as a named export, and the whole exports
    /// object as `default`.
    fn es_module(&self, name: &str, context: &mut Context) -> JsResult<Module> {
        if let Some(module) = self.modules.borrow().get(name) {
            return Ok(module.clone());
        }
        let exports = self.exports_of(name, context)?;
        let mut names: Vec<JsString> = exports
            .own_property_keys(context)?
            .into_iter()
            .filter_map(|key| match key {
                PropertyKey::String(name) => Some(name),
                _ => None,
            })
            .collect();
        names.push(js_string!("default"));
        let module = Module::synthetic(
            &names,
            SyntheticModuleInitializer::from_copy_closure_with_captures(
                |module, exports: &JsObject, context| {
                    for key in exports.own_property_keys(context)? {
                        if let PropertyKey::String(name) = key {
                            let value = exports.get(name.clone(), context)?;
                            module.set_export(&name, value)?;
                        }
                    }
                    module.set_export(&js_string!("default"), exports.clone().into())
                },
                exports,
            ),
            None,
            None,
            context,
        );
        self.modules
            .borrow_mut()
            .insert(name.to_owned(), module.clone());
        Ok(module)
    }
}

/// Node's error for an unknown module, with `code` set to `MODULE_NOT_FOUND`.
fn not_found(name: &str) -> JsError {
    JsNativeError::error()
        .with_message(format!("Cannot find module '{name}'"))
        .into()
}

impl ModuleLoader for NativeModuleLoader {
    async fn load_imported_module(
        self: Rc<Self>,
        _referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> JsResult<Module> {
        let name = request.specifier().to_std_string_escaped();
        self.es_module(&name, &mut context.borrow_mut())
    }
}

/// Installs the global `require`.
pub(crate) fn install_require(context: &mut Context) -> JsResult<()> {
    context.register_global_callable(
        js_string!("require"),
        1,
        NativeFunction::from_fn_ptr(require),
    )?;
    Ok(())
}

fn require(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let name = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_string(context)?
        .to_std_string_escaped();
    let loader = context
        .downcast_module_loader::<NativeModuleLoader>()
        .ok_or_else(|| not_found(&name))?;
    match loader.exports_of(&name, context) {
        Ok(exports) => Ok(exports.into()),
        Err(error) => {
            // Node marks a missing module with a code scripts can test.
            let error = error.into_opaque(context)?;
            if let Some(object) = error.as_object()
                && loader.registry.get(&name).is_none()
            {
                object.set(
                    js_string!("code"),
                    js_string!("MODULE_NOT_FOUND"),
                    false,
                    context,
                )?;
            }
            Err(JsError::from_opaque(error))
        }
    }
}
