//! `require("stream")`: counts that arrive over time, on the loop's clock.
//!
//! - `counter(limit, intervalMs)`: a promise fulfilled with `[1, 2, …, limit]`, one count every
//!   `intervalMs`. Host operation `stream.counter`; every count is a task `stream.counter.tick`.
//! - `ticks(limit, intervalMs)`: an async iterator yielding each count as it happens, for
//!   `for await (const n of stream.ticks(3, 100))`. Host operation `stream.ticks`, tasks
//!   `stream.ticks.tick`; counts that arrive before `next()` asks for them wait in order;
//!   `return()` (a `break` out of `for await`) cancels the remaining ticks and settles the
//!   operation as `stream.ticks.return`.
//!
//! Both start counting at the call and time out 30 s after it: the counter rejects, and the
//! iterator's pending (or next) `next()` rejects, with an `Error` whose `code` is `ETIMEDOUT`
//! and whose message contains `timeout`. A count due at the very moment of the timeout is too
//! late. A limit that is not a positive integer or an interval that is negative, NaN or
//! infinite is a `RangeError`, a non-number a `TypeError`: delivered as a rejection in a task
//! of its own (`stream.counter.settle`, `stream.ticks.settle`), never thrown. The timeout runs
//! as a task too (`stream.counter.timeout`, `stream.ticks.timeout`) and settles the operation
//! as failed.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsSymbol, JsValue, NativeFunction,
    builtins::iterable::create_iter_result_object,
    js_string,
    object::{ObjectInitializer, builtins::JsArray, builtins::JsFunction},
};
use boa_gc::{Finalize, Gc, GcRefCell, Trace};

use super::NativeModule;
use super::support::{Settle, caller, error_value, host_error_value, pending_promise};
use crate::globals::timers::event_loop;
use crate::host::{ErrorCode, HostError};

/// How long a stream may run, from the call, in milliseconds.
pub const TIMEOUT_MS: f64 = 30_000.0;

/// The `stream` module.
#[derive(Debug, Clone, Copy, Default)]
pub struct StreamModule;

impl NativeModule for StreamModule {
    fn name(&self) -> &str {
        "stream"
    }

    fn exports(&self, context: &mut Context) -> JsResult<JsObject> {
        Ok(ObjectInitializer::new(context)
            .function(
                NativeFunction::from_fn_ptr(counter),
                js_string!("counter"),
                2,
            )
            .function(NativeFunction::from_fn_ptr(ticks), js_string!("ticks"), 2)
            .build())
    }
}

/// The names one kind of stream uses in the trace.
#[derive(Debug, Clone, Copy)]
struct Names {
    /// The host operation, also the prefix of error messages.
    op: &'static str,
    /// Each count's task; the last one settles the operation.
    tick: &'static str,
    /// The timeout's task.
    timeout: &'static str,
    /// The task that rejects invalid arguments.
    invalid: &'static str,
}

const COUNTER: Names = Names {
    op: "stream.counter",
    tick: "stream.counter.tick",
    timeout: "stream.counter.timeout",
    invalid: "stream.counter.settle",
};

const TICKS: Names = Names {
    op: "stream.ticks",
    tick: "stream.ticks.tick",
    timeout: "stream.ticks.timeout",
    invalid: "stream.ticks.settle",
};

/// Validated arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plan {
    limit: u64,
    interval: f64,
}

/// Checks `(limit, intervalMs)`.
fn plan(names: Names, args: &[JsValue]) -> Result<Plan, JsNativeError> {
    let limit = args.first().cloned().unwrap_or_default();
    let interval = args.get(1).cloned().unwrap_or_default();
    let Some(limit_number) = limit.as_number() else {
        return Err(JsNativeError::typ().with_message(format!(
            "{}: limit must be a number, got {}",
            names.op,
            limit.type_of()
        )));
    };
    if !(limit_number >= 1.0 && limit_number.fract() == 0.0 && limit_number <= MAX_SAFE_INTEGER) {
        return Err(JsNativeError::range().with_message(format!(
            "{}: limit must be a positive integer, got {}",
            names.op,
            js_number(limit_number)
        )));
    }
    let Some(interval) = interval.as_number() else {
        return Err(JsNativeError::typ().with_message(format!(
            "{}: intervalMs must be a number, got {}",
            names.op,
            interval.type_of()
        )));
    };
    if !(interval >= 0.0 && interval.is_finite()) {
        return Err(JsNativeError::range().with_message(format!(
            "{}: intervalMs must be a non-negative finite number of milliseconds, got {}",
            names.op,
            js_number(interval)
        )));
    }
    Ok(Plan {
        limit: limit_number as u64,
        interval,
    })
}

/// `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A number as JavaScript prints it (for the usual cases).
fn js_number(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_owned()
    } else if number.is_infinite() {
        if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned()
    } else {
        number.to_string()
    }
}

/// The arguments as the trace shows them: `limit, intervalMs`.
fn shown_args(args: &[JsValue]) -> String {
    let show = |value: Option<&JsValue>| {
        let value = value.cloned().unwrap_or_default();
        value
            .as_number()
            .map_or_else(|| value.type_of().to_owned(), js_number)
    };
    format!("{}, {}", show(args.first()), show(args.get(1)))
}

/// The timeout's error.
fn timeout_error(
    names: Names,
    plan: Plan,
    counted: u64,
    context: &mut Context,
) -> JsResult<JsValue> {
    let error = HostError::new(
        ErrorCode::Timeout,
        format!(
            "{}({}, {}): timeout after {} ms with {counted} of {} counts",
            names.op,
            plan.limit,
            js_number(plan.interval),
            js_number(TIMEOUT_MS),
            plan.limit
        ),
    );
    host_error_value(&error, context)
}

// ---------------------------------------------------------------------------------------------
// counter

/// A running `counter`: the counts so far and what to settle.
struct Counter {
    counts: Vec<u64>,
    tick: Option<u32>,
    timeout: Option<u32>,
    settle: Option<Settle>,
}

/// `counter(limit, intervalMs)`.
fn counter(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event_loop = event_loop(context)?;
    let (promise, settle) = pending_promise(context);
    let op = event_loop.begin_host_op(COUNTER.op, shown_args(args), caller(&event_loop, context));
    let plan = match plan(COUNTER, args) {
        Ok(plan) => plan,
        Err(error) => {
            let reason = error_value(error, context);
            event_loop.complete_now(op, COUNTER.invalid, false, move |context| {
                settle.reject(reason, context)
            });
            return Ok(promise.into());
        }
    };
    let state = Rc::new(RefCell::new(Counter {
        counts: Vec::new(),
        tick: None,
        timeout: None,
        settle: Some(settle),
    }));
    let on_tick = {
        let state = state.clone();
        Rc::new(move |context: &mut Context| counter_tick(&state, plan, op, context))
    };
    let on_timeout = {
        let state = state.clone();
        Rc::new(move |context: &mut Context| counter_timeout(&state, plan, op, context))
    };
    let tick = event_loop.host_timer(op, COUNTER.tick, plan.interval, true, false, on_tick);
    let timeout = event_loop.host_timer(op, COUNTER.timeout, TIMEOUT_MS, false, false, on_timeout);
    let mut state = state.borrow_mut();
    state.tick = Some(tick);
    state.timeout = Some(timeout);
    Ok(promise.into())
}

/// One count; the last fulfils the promise.
fn counter_tick(
    state: &RefCell<Counter>,
    plan: Plan,
    op: u64,
    context: &mut Context,
) -> JsResult<()> {
    let finished = {
        let mut state = state.borrow_mut();
        if state.settle.is_none() {
            return Ok(());
        }
        let count = state.counts.len() as u64 + 1;
        state.counts.push(count);
        if count < plan.limit {
            return Ok(());
        }
        let counts = std::mem::take(&mut state.counts);
        (
            state.tick.take(),
            state.timeout.take(),
            state.settle.take(),
            counts,
        )
    };
    let (tick, timeout, settle, counts) = finished;
    let event_loop = event_loop(context)?;
    for id in [tick, timeout].into_iter().flatten() {
        event_loop.cancel_host_timer(id);
    }
    event_loop.end_host_op(op, COUNTER.tick, true);
    let array = JsArray::from_iter(counts.into_iter().map(|n| JsValue::from(n as f64)), context);
    match settle {
        Some(settle) => settle.resolve(array.into(), context),
        None => Ok(()),
    }
}

/// The 30 s timeout: stops the ticks and rejects.
fn counter_timeout(
    state: &RefCell<Counter>,
    plan: Plan,
    op: u64,
    context: &mut Context,
) -> JsResult<()> {
    let (tick, settle, counted) = {
        let mut state = state.borrow_mut();
        state.timeout = None;
        (
            state.tick.take(),
            state.settle.take(),
            state.counts.len() as u64,
        )
    };
    let Some(settle) = settle else {
        return Ok(());
    };
    let event_loop = event_loop(context)?;
    if let Some(tick) = tick {
        event_loop.cancel_host_timer(tick);
    }
    event_loop.end_host_op(op, COUNTER.timeout, false);
    let error = timeout_error(COUNTER, plan, counted, context)?;
    settle.reject(error, context)
}

// ---------------------------------------------------------------------------------------------
// ticks

/// A promise waiting in `next()`.
#[derive(Trace, Finalize)]
struct Waiter {
    resolve: JsFunction,
    reject: JsFunction,
}

/// What `next()` hands out, in order.
#[derive(Trace, Finalize)]
enum Outcome {
    /// `{ value, done: false }`.
    Count(JsValue),
    /// A rejection (timeout or invalid arguments); the iterator is done after it.
    Failed(JsValue),
}

/// A `ticks` iterator's state, shared by its methods and its timers.
#[derive(Trace, Finalize)]
struct Ticks {
    /// The host operation.
    op: u64,
    /// Counts so far.
    counted: u64,
    /// The repeating tick timer, while counting.
    tick: Option<u32>,
    /// The timeout timer, while counting.
    timeout: Option<u32>,
    /// No outcome will be added to `ready`.
    finished: bool,
    /// Outcomes not yet asked for.
    ready: VecDeque<Outcome>,
    /// `next()` calls not yet answered.
    waiting: VecDeque<Waiter>,
}

/// The shared state, traced by the garbage collector through the iterator's methods.
type Shared = Gc<GcRefCell<Ticks>>;

/// A settlement to perform once the state is no longer borrowed (settling can run JavaScript,
/// such as a `then` getter, which may call back into the iterator).
enum Delivery {
    Resolve(JsFunction, JsValue, bool),
    Reject(JsFunction, JsValue),
}

impl Delivery {
    fn perform(self, context: &mut Context) -> JsResult<()> {
        match self {
            Self::Resolve(resolve, value, done) => {
                let result = create_iter_result_object(value, done, context);
                resolve
                    .call(&JsValue::undefined(), &[result], context)
                    .map(drop)
            }
            Self::Reject(reject, reason) => reject
                .call(&JsValue::undefined(), &[reason], context)
                .map(drop),
        }
    }
}

fn perform_all(deliveries: Vec<Delivery>, context: &mut Context) -> JsResult<()> {
    let mut outcome = Ok(());
    for delivery in deliveries {
        let result = delivery.perform(context);
        if outcome.is_ok() {
            outcome = result;
        }
    }
    outcome
}

impl Ticks {
    /// Hands `outcome` to the oldest waiting `next()`, or keeps it for the next one.
    fn offer(&mut self, outcome: Outcome, deliveries: &mut Vec<Delivery>) {
        match self.waiting.pop_front() {
            // `Trace` types implement `Drop`, so fields are cloned (cheap handles) out of them.
            Some(waiter) => deliveries.push(match &outcome {
                Outcome::Count(value) => {
                    Delivery::Resolve(waiter.resolve.clone(), value.clone(), false)
                }
                Outcome::Failed(reason) => Delivery::Reject(waiter.reject.clone(), reason.clone()),
            }),
            None => self.ready.push_back(outcome),
        }
    }

    /// Marks the iterator finished: the `next()` calls still waiting get `{ done: true }`.
    fn finish(&mut self, deliveries: &mut Vec<Delivery>) {
        self.finished = true;
        for waiter in self.waiting.drain(..) {
            deliveries.push(Delivery::Resolve(
                waiter.resolve.clone(),
                JsValue::undefined(),
                true,
            ));
        }
    }

    /// Takes the timers to cancel.
    fn stop(&mut self) -> [Option<u32>; 2] {
        [self.tick.take(), self.timeout.take()]
    }
}

/// `ticks(limit, intervalMs)`.
fn ticks(_: &JsValue, args: &[JsValue], context: &mut Context) -> JsResult<JsValue> {
    let event_loop = event_loop(context)?;
    let op = event_loop.begin_host_op(TICKS.op, shown_args(args), caller(&event_loop, context));
    let checked = plan(TICKS, args);
    let shared: Shared = Gc::new(GcRefCell::new(Ticks {
        op,
        counted: 0,
        tick: None,
        timeout: None,
        finished: false,
        ready: VecDeque::new(),
        waiting: VecDeque::new(),
    }));
    match checked {
        Err(error) => {
            let reason = error_value(error, context);
            let shared = shared.clone();
            event_loop.complete_now(op, TICKS.invalid, false, move |context| {
                let mut deliveries = Vec::new();
                {
                    let mut state = shared.borrow_mut();
                    state.offer(Outcome::Failed(reason), &mut deliveries);
                    state.finish(&mut deliveries);
                }
                perform_all(deliveries, context)
            });
        }
        Ok(plan) => {
            let on_tick = {
                let shared = shared.clone();
                Rc::new(move |context: &mut Context| ticks_tick(&shared, plan, context))
            };
            let on_timeout = {
                let shared = shared.clone();
                Rc::new(move |context: &mut Context| ticks_timeout(&shared, plan, context))
            };
            let tick = event_loop.host_timer(op, TICKS.tick, plan.interval, true, false, on_tick);
            let timeout =
                event_loop.host_timer(op, TICKS.timeout, TIMEOUT_MS, false, false, on_timeout);
            let mut state = shared.borrow_mut();
            state.tick = Some(tick);
            state.timeout = Some(timeout);
        }
    }
    let iterator = ObjectInitializer::new(context)
        .function(
            NativeFunction::from_copy_closure_with_captures(ticks_next, shared.clone()),
            js_string!("next"),
            0,
        )
        .function(
            NativeFunction::from_copy_closure_with_captures(ticks_return, shared),
            js_string!("return"),
            1,
        )
        .function(
            NativeFunction::from_fn_ptr(|this, _, _| Ok(this.clone())),
            JsSymbol::async_iterator(),
            0,
        )
        .build();
    Ok(iterator.into())
}

/// One count; the last one settles the operation and finishes the iterator.
fn ticks_tick(shared: &Shared, plan: Plan, context: &mut Context) -> JsResult<()> {
    let mut deliveries = Vec::new();
    let (stop, op) = {
        let mut state = shared.borrow_mut();
        if state.tick.is_none() {
            return Ok(());
        }
        state.counted += 1;
        let count = state.counted;
        state.offer(Outcome::Count(JsValue::from(count as f64)), &mut deliveries);
        if count < plan.limit {
            (None, state.op)
        } else {
            let stop = state.stop();
            state.finish(&mut deliveries);
            (Some(stop), state.op)
        }
    };
    if let Some(stop) = stop {
        let event_loop = event_loop(context)?;
        for id in stop.into_iter().flatten() {
            event_loop.cancel_host_timer(id);
        }
        event_loop.end_host_op(op, TICKS.tick, true);
    }
    perform_all(deliveries, context)
}

/// The 30 s timeout: stops the ticks; the iterator rejects once, then is done.
fn ticks_timeout(shared: &Shared, plan: Plan, context: &mut Context) -> JsResult<()> {
    let (tick, counted, op) = {
        let mut state = shared.borrow_mut();
        if state.timeout.take().is_none() {
            return Ok(());
        }
        (state.tick.take(), state.counted, state.op)
    };
    let event_loop = event_loop(context)?;
    if let Some(tick) = tick {
        event_loop.cancel_host_timer(tick);
    }
    event_loop.end_host_op(op, TICKS.timeout, false);
    let error = timeout_error(TICKS, plan, counted, context)?;
    let mut deliveries = Vec::new();
    {
        let mut state = shared.borrow_mut();
        state.offer(Outcome::Failed(error), &mut deliveries);
        state.finish(&mut deliveries);
    }
    perform_all(deliveries, context)
}

/// `next()`: a promise of the next count, `{ done: true }` once finished.
fn ticks_next(
    _: &JsValue,
    _: &[JsValue],
    shared: &Shared,
    context: &mut Context,
) -> JsResult<JsValue> {
    let (promise, Settle { resolve, reject }) = pending_promise(context);
    let delivery = {
        let mut state = shared.borrow_mut();
        match state.ready.pop_front().as_ref() {
            Some(Outcome::Count(value)) => Some(Delivery::Resolve(resolve, value.clone(), false)),
            Some(Outcome::Failed(reason)) => Some(Delivery::Reject(reject, reason.clone())),
            None if state.finished => Some(Delivery::Resolve(resolve, JsValue::undefined(), true)),
            None => {
                state.waiting.push_back(Waiter { resolve, reject });
                None
            }
        }
    };
    if let Some(delivery) = delivery {
        delivery.perform(context)?;
    }
    Ok(promise.into())
}

/// `return(value)`: cancels the remaining ticks, so the loop can go idle.
fn ticks_return(
    _: &JsValue,
    args: &[JsValue],
    shared: &Shared,
    context: &mut Context,
) -> JsResult<JsValue> {
    let mut deliveries = Vec::new();
    let (stop, op) = {
        let mut state = shared.borrow_mut();
        let stop = state.stop();
        state.ready.clear();
        state.finish(&mut deliveries);
        (stop, state.op)
    };
    if stop.iter().any(Option::is_some) {
        let event_loop = event_loop(context)?;
        for id in stop.into_iter().flatten() {
            event_loop.cancel_host_timer(id);
        }
        event_loop.end_host_op(op, "stream.ticks.return", true);
    }
    perform_all(deliveries, context)?;
    let (promise, settle) = pending_promise(context);
    let value = args.first().cloned().unwrap_or_default();
    let result = create_iter_result_object(value, true, context);
    settle.resolve(result, context)?;
    Ok(promise.into())
}
