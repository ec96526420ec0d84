//! How long the schedule rules take on a large state (the core issue's goal: the agenda of
//! 100 SIMs and 5,000 renewals in well under 10 ms).
#![allow(clippy::unwrap_used)]

mod support;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use sim_planner::schedule::{Agenda, DateRange, alerts};

fn bench_schedule(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let state = support::large_state(100, 5_000, 40, today);
    c.bench_function("agenda 100 SIMs, 5000 renewals, 40 trips", |b| {
        b.iter(|| Agenda::compute(std::hint::black_box(&state), today));
    });
    let agenda = Agenda::compute(&state, today);
    let window = DateRange::new(today, NaiveDate::from_ymd_opt(2027, 1, 3).unwrap());
    c.bench_function("alerts for 30 days", |b| {
        b.iter(|| alerts(std::hint::black_box(&agenda), window));
    });
    let big = support::large_state(100, 50_000, 40, today);
    c.bench_function("agenda 100 SIMs, 50000 renewals, 40 trips", |b| {
        b.iter(|| Agenda::compute(std::hint::black_box(&big), today));
    });
}

criterion_group!(benches, bench_schedule);
criterion_main!(benches);
