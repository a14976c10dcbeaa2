//! The host globals every snippet sees, beyond ECMAScript's own: timers, `queueMicrotask`,
//! `performance`, `self` and `console`, `error.stack` as Chrome writes it, the loop's own
//! `Date.now` and (when seeded) `Math.random`, and the web platform's event-loop APIs (events,
//! abort, messages, structured clone; installed on first use: [`web`]).

mod clock;
mod error_stack;
mod frames;
pub(crate) mod idle;
pub(crate) mod random;
pub(crate) mod timers;
pub(crate) mod web;

use boa_engine::{Context, JsResult, js_string, property::Attribute};

/// Installs every host global into a fresh context; `seed`, when given, seeds `Math.random`.
pub(crate) fn install(context: &mut Context, seed: Option<u64>) -> JsResult<()> {
    error_stack::install(context)?;
    timers::install(context)?;
    frames::install(context)?;
    idle::install(context)?;
    clock::install(context)?;
    if let Some(seed) = seed {
        random::install(seed, context)?;
    }
    crate::console::install(context)?;
    crate::modules::install_require(context)?;
    crate::modules::fetch::install_global(context)?;
    web::install_lazy(context)?;
    let global = context.global_object();
    context.register_global_property(
        js_string!("self"),
        global,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    Ok(())
}
