//! The host globals every snippet sees, beyond ECMAScript's own: timers, `queueMicrotask`,
//! `performance`, `self` and `console`, `error.stack` as Chrome writes it, and the web platform's
//! event-loop APIs (events, abort, messages, structured clone; installed on first use: [`web`]).

mod error_stack;
mod performance;
pub(crate) mod timers;
pub(crate) mod web;

use boa_engine::{Context, JsResult, js_string, property::Attribute};

/// Installs every host global into a fresh context.
pub(crate) fn install(context: &mut Context) -> JsResult<()> {
    error_stack::install(context)?;
    timers::install(context)?;
    performance::install(context)?;
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
