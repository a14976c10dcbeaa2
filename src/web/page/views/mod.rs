//! The page's views: each finds its elements in `www/index.html`, draws what it is given and
//! reports what the user does through callbacks. None knows the app, the worker or another
//! feature; the app ([`super::app`]) wires them.
//!
//! | module | its one job |
//! |---|---|
//! | [`toolbar`] | the buttons, clock, "start paused" and the status line |
//! | [`run_options`] | the Options menu: seed, start time, long-task limit |
//! | [`editor`] | bindings to the CodeMirror bundle's `TickscopeEditor` |
//! | [`panels`] | the editor pane's tabs |
//! | [`notice`] | the notice bar: messages that are not a run's output |
//! | [`files_panel`] | the playground's files |
//! | [`console_model`] / [`console_view`] | the console's entries / their virtualised list |
//! | [`repl_line`] | the REPL's input line and history |
//! | [`timeline_view`] | the timeline |
//! | [`queues_view`] | the step-through queues view |
//! | [`step_story`] | the step in words and its chain of causes |

pub mod console_model;
pub mod console_view;
pub mod editor;
pub mod files_panel;
pub mod notice;
pub mod panels;
pub mod queues_view;
pub mod repl_line;
pub mod run_options;
pub mod step_story;
pub mod timeline_view;
pub mod toolbar;
