//! Running work on several threads (the files of a run, the rules of a policy), handing
//! each result on in input order as soon as it and those before it are done.
//!
//! Workers take the next input from a shared counter; results come back over a channel
//! and are handed on in order. A worker never runs more than a window of inputs ahead of
//! the last one handed on, so one slow file cannot make finished results pile up: memory
//! stays bounded by the window whatever the number of files.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// How many inputs each thread may run ahead of the output.
const WINDOW_PER_THREAD: usize = 8;

/// The number of threads a run was given (`--threads`); 0 when it was not.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets the number of threads the rest of the run uses, for files and for compiling the
/// policy alike.
pub(crate) fn set_threads(n: usize) {
    THREADS.store(n, Ordering::Relaxed);
}

/// The number of threads to use: what `--threads` said, else every core.
pub(crate) fn default_threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    }
}

/// Runs `work` on every item with `threads` threads and calls `emit` with each result in
/// item order. With one thread (or one item) nothing is spawned. Public so that tests
/// can prove that results do not depend on the number of threads.
pub fn for_each_ordered<T, R>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R),
) where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        for item in items {
            emit(work(item));
        }
        return;
    }
    let window = threads * WINDOW_PER_THREAD;
    let next = AtomicUsize::new(0);
    // How many results have been handed on; workers wait while too far ahead of it.
    let emitted = Mutex::new(0usize);
    let progress = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, emitted, progress, work) = (&next, &emitted, &progress, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    {
                        let mut done = emitted.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *done + window {
                            done = progress.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut want = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                emit(result);
                want += 1;
                *emitted.lock().unwrap_or_else(|e| e.into_inner()) = want;
                progress.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut out = Vec::new();
            for_each_ordered(
                &items,
                threads,
                |&n| {
                    // Uneven work, so results finish out of order.
                    if n % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    n * 2
                },
                |r| out.push(r),
            );
            assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn no_items_is_fine() {
        let mut out: Vec<u8> = Vec::new();
        for_each_ordered(&[] as &[u8], 4, |&n| n, |r| out.push(r));
        assert!(out.is_empty());
    }
}
