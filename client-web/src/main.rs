//! Entry point of the browser client: installs the panic hook, takes away the loading
//! message that `index.html` shows until the WebAssembly has arrived, and mounts the app.
//! Everything else lives in the library (see its crate documentation).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // In the same task as the mount, so that no frame is drawn without either.
    if let Some(loading) = leptos::prelude::document().get_element_by_id("loading") {
        loading.remove();
    }
    leptos::mount::mount_to_body(client_web::App);
}

/// Natively there is nothing to run: the crate's pure part is tested natively, the page
/// is built with `cargo xtask build-client`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("client-web runs in a browser: build it with `cargo xtask build-client`");
    std::process::exit(2);
}
