//! `Math.random()` from a seeded generator, so a virtual run shows the same numbers every time.

use std::cell::RefCell;

use boa_engine::{
    Context, JsResult, JsValue, NativeFunction, js_string, object::FunctionObjectBuilder,
};
use boa_gc::{Finalize, Trace};
use rand::{RngExt, SeedableRng, rngs::Xoshiro256PlusPlus};

/// The seed `Math.random()` starts from under the virtual clock unless one is given.
pub const DEFAULT_SEED: u64 = 0x7469_636b_7363_6f70;

/// The generator behind one runtime's `Math.random()`.
#[derive(Trace, Finalize)]
struct SeededRandom {
    #[unsafe_ignore_trace]
    generator: RefCell<Xoshiro256PlusPlus>,
}

/// Replaces `Math.random` with one drawn from a generator seeded with `seed`.
pub(crate) fn install(seed: u64, context: &mut Context) -> JsResult<()> {
    let random = SeededRandom {
        generator: RefCell::new(Xoshiro256PlusPlus::seed_from_u64(seed)),
    };
    let native = NativeFunction::from_copy_closure_with_captures(
        |_, _, random: &SeededRandom, _| {
            Ok(JsValue::from(random.generator.borrow_mut().random::<f64>()))
        },
        random,
    );
    let function = FunctionObjectBuilder::new(context.realm(), native)
        .name(js_string!("random"))
        .length(0)
        .build();
    let math = context.intrinsics().objects().math();
    math.set(js_string!("random"), function, true, context)?;
    Ok(())
}
