//! The built browser client, served from a directory (`--static-dir`).
//!
//! `cargo xtask build-client` writes every asset under a content-hashed name
//! (`client-0123456789abcdef_bg.wasm`), with `.br` and `.gz` copies beside it. So:
//!
//! - the compressed copy the browser accepts is sent (`Content-Encoding`), else the file
//!   itself; the answer varies with `Accept-Encoding`;
//! - a hashed name never changes content, so browsers keep it for a year without asking
//!   again (`immutable`); everything else, `index.html` above all, is checked on every
//!   load (`no-cache`), so that a new build is picked up at once;
//! - a path that is no file is a client-side route: it gets `index.html` with 200.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt as _;
use std::path::Path;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

/// How long browsers keep a content-hashed asset: a year, the longest lifetime caches honour.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated on each use.
const REVALIDATE: &str = "no-cache";

/// The handler for every path the router does not know, serving from `dir`.
pub fn handler(
    dir: &Path,
) -> impl Fn(Request) -> std::pin::Pin<Box<dyn Future<Output = Response> + Send>>
+ Clone
+ Send
+ Sync
+ 'static {
    let assets = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let pages = assets.clone().fallback(index);
    move |request: Request| {
        let hashed = is_content_hashed(request.uri().path());
        // A hashed name that is not there is an old build's: 404, never the page (which
        // would then be kept for a year under that name).
        let answer = if hashed {
            let assets = assets.clone();
            async move {
                let Ok(response) = assets.oneshot(request).await;
                response.into_response()
            }
            .boxed()
        } else {
            let pages = pages.clone();
            async move {
                let Ok(response) = pages.oneshot(request).await;
                response.into_response()
            }
            .boxed()
        };
        Box::pin(async move {
            let mut response = answer.await;
            let immutable = hashed && response.status().is_success();
            let headers = response.headers_mut();
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(if immutable { IMMUTABLE } else { REVALIDATE }),
            );
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            response
        })
    }
}

/// Whether the last segment of `path` is a content-hashed name as the build writes them:
/// a stem, `-`, 16 lower-case hexadecimal digits, then anything (`_bg.wasm`, `.css`).
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split_once('-').is_some_and(|(stem, rest)| {
        !stem.is_empty()
            && rest.len() > 16
            && rest
                .bytes()
                .take(16)
                .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
            && matches!(rest.as_bytes()[16], b'.' | b'_')
    })
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn only_names_the_build_hashed_are_immutable() {
        assert!(is_content_hashed("/client-0123456789abcdef_bg.wasm"));
        assert!(is_content_hashed("/client-0123456789abcdef.js"));
        assert!(is_content_hashed("/style-fedcba9876543210.css"));
        assert!(!is_content_hashed("/"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/style.css"));
        assert!(!is_content_hashed("/client-0123456789ABCDEF.js"));
        assert!(!is_content_hashed("/client-0123456789abcde.js"));
        assert!(!is_content_hashed("/-0123456789abcdef.js"));
        assert!(!is_content_hashed("/meeting-and-more-things"));
    }
}
