# shellcheck shell=bash
# Source this file to get the environment a wasm32 cargo command needs on this machine:
#
#     source scripts/wasm-env.sh && cargo test --target wasm32-unknown-unknown
#
# It works out at run time which of the two routes scripts/setup installed:
#   rustup  - `rustup target add wasm32-unknown-unknown` worked: the prebuilt std is used, nothing else is needed.
#   debian  - Debian's rustc-web 1.96 (linked into rustup as the toolchain `debian-web`) builds std for
#             wasm32 from source with cargo's build-std, and links with Debian's wasm-ld-22.
# Either way it sets the test runner so `cargo test --target wasm32-unknown-unknown` runs wasm-bindgen-test
# in headless Chrome through Debian's chromedriver.
#
# These settings are deliberately not in .cargo/config.toml: they would break native builds.
# Sourcing returns non-zero (without exiting your shell) when neither route is installed.
# TICKSCOPE_WASM_ROUTE=debian (or rustup) set beforehand forces that route, e.g. to test the Debian route on a
# machine that has both.

tickscope_wasm_env() {
    local want="${TICKSCOPE_WASM_ROUTE:-any}"
    if [[ $want != debian ]] && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        export TICKSCOPE_WASM_ROUTE=rustup
    elif [[ $want != rustup ]] && rustup toolchain list 2>/dev/null | grep -q '^debian-web' \
        && [[ -d /usr/lib/rustlib/src/rust/library ]] && command -v wasm-ld-22 >/dev/null; then
        export TICKSCOPE_WASM_ROUTE=debian
        # Debian's Rust 1.96, registered with rustup so cargo, rustc, rustdoc and clippy come from one release.
        export RUSTUP_TOOLCHAIN=debian-web
        # build-std is an unstable cargo feature; this lets the stable Debian compiler use it.
        export RUSTC_BOOTSTRAP=1
        export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22
    else
        echo "wasm-env: no wasm32 toolchain found (route wanted: $want): run scripts/setup first" >&2
        return 1
    fi
    # wasm-bindgen-test: cargo runs each test binary through the runner, which drives headless Chrome.
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
    export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
    # A debug build of Boa is slow to instantiate: give each test more than the default 20 s.
    export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
}

tickscope_wasm_env
