//! HTTP for `fetch` on native hosts: a request on a background thread, answered through a
//! [`Reply`].

use crate::host::{ErrorCode, FetchRequest, FetchResponse, HostError, Reply};

/// Starts `request` on a background thread; its outcome is posted through `reply`.
pub(crate) fn fetch(request: FetchRequest, reply: Reply<FetchResponse>) {
    reply.send(Err(HostError::new(
        ErrorCode::Unsupported,
        format!("fetch {}: not implemented yet", request.url),
    )));
}
