//! Where the app's idea of today comes from: `--today`, the local clock (read every frame, so
//! a window left open past midnight moves on), or a test's.

use chrono::NaiveDate;

/// Where the app's idea of today comes from.
pub enum Clock {
    /// `--today`: fixed, for reproducible screens.
    Pinned(NaiveDate),
    /// The local date, read every frame so a window left open past midnight moves on.
    Local,
    /// A test's clock.
    Custom(Box<dyn Fn() -> NaiveDate>),
}

impl Clock {
    pub fn today(&self) -> NaiveDate {
        match self {
            Self::Pinned(day) => *day,
            Self::Local => chrono::Local::now().date_naive(),
            Self::Custom(clock) => clock(),
        }
    }
}

impl Clock {
    /// Asks `ctx` for a frame just after midnight, so an idle window shows the new day.
    pub fn wake_at_midnight(&self, ctx: &egui::Context) {
        if !matches!(self, Self::Local) {
            return;
        }
        let now = chrono::Local::now();
        let after_midnight = now
            .date_naive()
            .succ_opt()
            .and_then(|day| day.and_hms_opt(0, 0, 1));
        if let Some(next) = after_midnight {
            ctx.request_repaint_after((next - now.naive_local()).to_std().unwrap_or_default());
        }
    }
}
