//! Native modules: host functionality JavaScript loads with `require(name)` or `import`.
//!
//! A [`NativeModule`] names itself and builds its exports; a [`ModuleRegistry`] holds the ones
//! a runtime offers. The standard registry has the four modules of the go-go-goja guide:
//! `timer`, `fetch`, `fs` and `stream`. Adding your own takes a few lines:
//!
//! ```
//! use std::rc::Rc;
//! use boa_engine::{Context, JsObject, JsResult, JsValue, NativeFunction, js_string,
//!                  object::ObjectInitializer};
//! use tickscope::{ClockKind, Runtime, RuntimeOptions, host::NullHost, trace::EventKind};
//! use tickscope::modules::{ModuleRegistry, NativeModule};
//!
//! struct Greeter;
//!
//! impl NativeModule for Greeter {
//!     fn name(&self) -> &str {
//!         "greeter"
//!     }
//!
//!     fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
//!         let hello = NativeFunction::from_fn_ptr(|_, args, context| {
//!             let who = args.first().cloned().unwrap_or_default().to_string(context)?;
//!             Ok(js_string!(format!("hello, {}", who.to_std_string_escaped())).into())
//!         });
//!         Ok(ObjectInitializer::new(context).function(hello, js_string!("hello"), 1).build())
//!     }
//! }
//!
//! let options = RuntimeOptions { clock: ClockKind::Virtual, ..RuntimeOptions::default() };
//! let modules = ModuleRegistry::standard().with(Greeter);
//! let mut runtime = Runtime::with_modules(options, Rc::new(NullHost), modules).unwrap();
//! runtime.load_script("greet.js", r#"console.log(require("greeter").hello("you"))"#).unwrap();
//! runtime.run_until_idle();
//! let printed: Vec<String> = runtime.take_events().into_iter().filter_map(|event| match event.kind {
//!     EventKind::Console { text, .. } => Some(text),
//!     _ => None,
//! }).collect();
//! assert_eq!(printed, ["hello, you"]);
//! ```

pub mod fetch;
pub mod fs;
mod loader;
pub mod stream;
mod support;
pub mod timer;

use std::rc::Rc;

use boa_engine::{Context, JsObject, JsResult};

pub(crate) use loader::{NativeModuleLoader, install_require};

/// A module implemented by the host, loadable by name from JavaScript.
pub trait NativeModule {
    /// The name `require(name)` and `import … from "name"` use.
    fn name(&self) -> &str;

    /// Builds the module's exports object. Called at most once per runtime, on first use;
    /// `require` and `import` then share the same object.
    fn exports(&self, context: &mut Context) -> JsResult<JsObject>;
}

/// The native modules a runtime offers.
#[derive(Clone, Default)]
pub struct ModuleRegistry {
    modules: Vec<Rc<dyn NativeModule>>,
}

impl std::fmt::Debug for ModuleRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.modules.iter().map(|module| module.name()))
            .finish()
    }
}

impl ModuleRegistry {
    /// A registry with no modules.
    pub fn empty() -> Self {
        Self::default()
    }

    /// `timer`, `fetch`, `fs` and `stream`.
    pub fn standard() -> Self {
        Self::empty()
            .with(timer::TimerModule)
            .with(fetch::FetchModule)
            .with(fs::FsModule)
            .with(stream::StreamModule)
    }

    /// Adds a module, replacing any of the same name.
    #[must_use]
    pub fn with(mut self, module: impl NativeModule + 'static) -> Self {
        self.register(module);
        self
    }

    /// Adds a module, replacing any of the same name.
    pub fn register(&mut self, module: impl NativeModule + 'static) {
        self.modules
            .retain(|existing| existing.name() != module.name());
        self.modules.push(Rc::new(module));
    }

    /// The module registered under `name`.
    pub fn get(&self, name: &str) -> Option<Rc<dyn NativeModule>> {
        self.modules
            .iter()
            .find(|module| module.name() == name)
            .cloned()
    }

    /// The registered names, in registration order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.modules.iter().map(|module| module.name())
    }
}
