//! Memory freed by one stage of a scan, handed back to the system before the next.
//!
//! A stage frees many small buffers at once (each speech's tokens, prints or
//! shingles); glibc keeps such memory in its per-thread arenas, where the
//! large buffers of the next stage cannot use it, so the peak holds both.
//! Elsewhere this does nothing.

/// Return the free memory at the top and inside the allocator's arenas.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the kernel; it touches
    // no memory in use and is thread-safe (it locks each arena it trims).
    unsafe {
        libc::malloc_trim(0);
    }
}
