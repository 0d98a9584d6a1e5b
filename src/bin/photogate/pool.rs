//! One job per photo on `jobs` threads, the results handed back in input order.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, PoisonError};

/// How far ahead of the next result to hand back a worker may start, per worker: bounds the results
/// held while a slow photo is still being worked on.
const AHEAD_PER_WORKER: usize = 4;

#[derive(Default)]
struct Window {
    /// The index of the next result `emit` takes.
    next: usize,
    /// `emit` failed: the workers stop.
    stop: bool,
}

/// Runs `work(i)` for every `i < count` on `jobs` threads and calls `emit(i, result)` on the calling
/// thread in the order of `i`, whatever order the work finishes in. At most `jobs ×
/// AHEAD_PER_WORKER` results wait for their turn. The first error from `emit` stops the workers
/// and is returned.
pub(crate) fn run_ordered<T, W, E>(count: usize, jobs: usize, work: W, mut emit: E) -> anyhow::Result<()>
where
    T: Send,
    W: Fn(usize) -> T + Sync,
    E: FnMut(usize, T) -> anyhow::Result<()>,
{
    let jobs = jobs.clamp(1, count.max(1));
    let ahead = jobs * AHEAD_PER_WORKER;
    let taken = AtomicUsize::new(0);
    let window = (Mutex::new(Window::default()), Condvar::new());
    let lock = || window.0.lock().unwrap_or_else(PoisonError::into_inner);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, T)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (taken, work, window) = (&taken, &work, &window);
            scope.spawn(move || loop {
                let i = taken.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let mut state = window.0.lock().unwrap_or_else(PoisonError::into_inner);
                while !state.stop && i >= state.next + ahead {
                    state = window.1.wait(state).unwrap_or_else(PoisonError::into_inner);
                }
                if state.stop {
                    break;
                }
                drop(state);
                if sender.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let mut result = Ok(());
        'receive: for (i, value) in &receiver {
            waiting.insert(i, value);
            while let Some(value) = waiting.remove(&next) {
                if let Err(e) = emit(next, value) {
                    result = Err(e);
                    break 'receive;
                }
                next += 1;
                lock().next = next;
                window.1.notify_all();
            }
        }
        if result.is_err() {
            lock().stop = true;
            window.1.notify_all();
        }
        drop(receiver);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_whatever_the_timing() {
        for jobs in [1, 2, 5] {
            let mut seen = Vec::new();
            run_ordered(
                40,
                jobs,
                |i| {
                    // Later items finish first.
                    std::thread::sleep(std::time::Duration::from_micros(((40 - i) * 50) as u64));
                    i * 10
                },
                |i, value| {
                    seen.push((i, value));
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..40).map(|i| (i, i * 10)).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn an_error_from_emit_stops_the_work() {
        let done = AtomicUsize::new(0);
        let result = run_ordered(
            1000,
            2,
            |_| {
                done.fetch_add(1, Ordering::Relaxed);
            },
            |i, ()| if i == 3 { Err(anyhow::anyhow!("broken pipe")) } else { Ok(()) },
        );
        assert_eq!(result.unwrap_err().to_string(), "broken pipe");
        assert!(done.load(Ordering::Relaxed) <= 3 + 1 + 2 * AHEAD_PER_WORKER + 2);
    }
}
