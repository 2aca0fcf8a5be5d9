//! Runs a check so that a panic in the code under test becomes a failure
//! with the panic's message instead of bringing the runner down.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL_HOOK: Once = Once::new();

/// Wraps the process's panic hook once: inside [`catch`] the message and
/// location are recorded silently; elsewhere the previous hook runs as usual.
fn install_hook() {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                // One line, so a report lists one failure per line.
                let message = info.to_string().replace('\n', " ");
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic becomes `Err("panic: <message and location>")`.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was_capturing = CAPTURING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(was_capturing));
    result.map_err(|payload| {
        let recorded = LAST_PANIC.with(|last| last.borrow_mut().take());
        let message = recorded
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown payload".to_owned());
        format!("panic: {message}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_values_through() {
        assert_eq!(catch(|| 42), Ok(42));
    }

    #[test]
    fn turns_panics_into_errors() {
        let result: Result<(), String> = catch(|| panic!("boom {}", 7));
        let message = result.expect_err("panicked");
        assert!(message.starts_with("panic: "), "{message}");
        assert!(message.contains("boom 7"), "{message}");
        // The guard is reusable after a panic.
        assert_eq!(catch(|| "ok"), Ok("ok"));
    }
}
