//! What sits on top of the playground: each feature is installed on the app after it starts and
//! uses its public interface; the app never calls a feature.
//!
//! | module | its one job |
//! |---|---|
//! | [`api`] | `window.tickscope` |
//! | [`storage`] | autosave in `localStorage` |
//! | [`lessons`] | the lesson list and the selected lesson's prose |
//! | [`share`] | share links: open the URL's fragment, keep it current, the Share button |
//! | [`embed`] | `?embed`: the compact view for iframes and its postMessage API |
//! | [`predict`] | predict, then check: order a run's lines before the console shows them |

pub mod api;
pub mod embed;
pub mod lessons;
pub mod predict;
pub mod share;
pub mod storage;
