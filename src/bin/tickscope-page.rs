//! The playground page: the editor, the console, the timeline and the controls, on the browser's main
//! thread. The code lives in `tickscope::web::page`; it runs no JavaScript engine of its own (the
//! worker, `tickscope-worker`, does) and links no Boa.
//!
//! It only makes sense on `wasm32-unknown-unknown`, built by trunk from `www/index.html` (see
//! `scripts/build`); wasm-bindgen runs this `main` when the module is instantiated.

#[cfg(target_arch = "wasm32")]
fn main() {
    tickscope::web::page::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "tickscope-page runs only in a browser (wasm32); see scripts/build and scripts/serve"
    );
    std::process::exit(2);
}
