# Shared helpers for tickscope's scripts. Sourced, never run.
#
# Sets ROOT (the repository root), puts node_modules/.bin and ~/.cargo/bin on PATH,
# and defines small helpers for logging and timing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Never let apt, debconf or anything else wait for a keyboard.
export DEBIAN_FRONTEND=noninteractive

# die MESSAGE: print MESSAGE on stderr and stop the script.
die() {
    echo "error: $*" >&2
    exit 1
}

# wasm_bindgen_pin: the wasm-bindgen version pinned with `=` in Cargo.toml (the one source of truth).
wasm_bindgen_pin() {
    local pin
    pin="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9][0-9.]*)".*/\2/p' "$ROOT/Cargo.toml" | head -n1)"
    [[ -n "$pin" ]] || die "Cargo.toml has no wasm-bindgen dependency pinned with \"=X.Y.Z\""
    echo "$pin"
}

# step_timer_start / step_timer_end NAME: print how long a step took.
step_timer_start() {
    STEP_STARTED=$SECONDS
}
step_timer_end() {
    echo "$1 … done in $((SECONDS - STEP_STARTED))s"
}
