//! The playground's Web Worker: one wasm module that runs snippets through tickscope's core and posts
//! their trace to the page, one message per animation frame. The code lives in `tickscope::web::worker`.
//!
//! It only makes sense on `wasm32-unknown-unknown`, built by trunk (see `scripts/build`); wasm-bindgen
//! runs this `main` when the module is instantiated.

#[cfg(target_arch = "wasm32")]
fn main() {
    tickscope::web::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tickscope-worker runs only as a Web Worker (wasm32); see scripts/build");
    std::process::exit(2);
}
