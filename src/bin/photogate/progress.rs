//! A progress line on stderr, drawn only when stderr is a terminal.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

const REDRAW_EVERY: Duration = Duration::from_millis(100);
const BAR_WIDTH: usize = 24;

pub(crate) struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    drawn: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A progress line for `total` photos, shown when stderr is a terminal and there is more than one.
    pub(crate) fn new(total: usize) -> Progress {
        let enabled = total > 1 && io::stderr().is_terminal();
        Progress { total, done: 0, start: Instant::now(), drawn: None, enabled }
    }

    /// One more photo done: redraws the line, at most ten times a second.
    pub(crate) fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.drawn.is_some_and(|t| t.elapsed() < REDRAW_EVERY) && self.done < self.total {
            return;
        }
        let elapsed = self.start.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 { self.done as f64 / elapsed } else { 0.0 };
        let left = self.total.saturating_sub(self.done);
        let eta = if rate > 0.0 { (left as f64 / rate).round() as u64 } else { 0 };
        let filled = BAR_WIDTH * self.done / self.total.max(1);
        let line = format!(
            "\r\x1b[K[{}{}] {}/{} {:.0}%  {rate:.1}/s  eta {}:{:02}",
            "#".repeat(filled),
            ".".repeat(BAR_WIDTH - filled),
            self.done,
            self.total,
            100.0 * self.done as f64 / self.total.max(1) as f64,
            eta / 60,
            eta % 60
        );
        let mut err = io::stderr().lock();
        let _ = err.write_all(line.as_bytes()).and_then(|()| err.flush());
        self.drawn = Some(Instant::now());
    }

    /// Takes the line off the screen, before other output or at the end.
    pub(crate) fn clear(&mut self) {
        if self.enabled && self.drawn.take().is_some() {
            let mut err = io::stderr().lock();
            let _ = err.write_all(b"\r\x1b[K").and_then(|()| err.flush());
        }
    }
}
