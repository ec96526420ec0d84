//! How long the schedule rules take on a large state (the core issue's goal: the agenda of
//! 100 SIMs and 5,000 renewals in well under 10 ms).
#![allow(clippy::unwrap_used)]

mod support;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use sim_planner::model::TripId;
use sim_planner::schedule::{Agenda, COVER_BUDGET, DateRange, alerts, cover_trip};

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
    // The goal: a 30-day trip through 5 countries, 10 SIMs and 40 plans, in well under
    // 100 ms, proven optimal.
    let traveller = support::traveller_state(10, 40, 5, today);
    let cover = cover_trip(&traveller, TripId(1), today, COVER_BUDGET).unwrap();
    assert!(
        cover.optimal,
        "not proven optimal within the budget: {cover:?}"
    );
    eprintln!(
        "cover: {} purchases, {} {}, {} (day, country) uncoverable",
        cover.purchases.len(),
        cover.total,
        cover.currency.as_deref().unwrap_or("?"),
        cover.uncoverable.len()
    );
    c.bench_function("cover a 30-day, 5-country trip, 10 SIMs, 40 plans", |b| {
        b.iter(|| {
            cover_trip(
                std::hint::black_box(&traveller),
                TripId(1),
                today,
                COVER_BUDGET,
            )
        });
    });
    // Every trip of the large state, one after another (100 SIMs, 5000 renewals, 16 plans).
    let covers: Vec<_> = state
        .trips
        .iter()
        .filter_map(|trip| cover_trip(&state, trip.id, today, COVER_BUDGET).ok())
        .collect();
    eprintln!(
        "{} of {} trips proven optimal, {} purchases in all",
        covers.iter().filter(|cover| cover.optimal).count(),
        state.trips.len(),
        covers
            .iter()
            .map(|cover| cover.purchases.len())
            .sum::<usize>()
    );
    c.bench_function("cover each of 40 trips, 100 SIMs, 5000 renewals", |b| {
        b.iter(|| {
            for trip in &state.trips {
                let _ = cover_trip(std::hint::black_box(&state), trip.id, today, COVER_BUDGET);
            }
        });
    });
    let big = support::large_state(100, 50_000, 40, today);
    c.bench_function("agenda 100 SIMs, 50000 renewals, 40 trips", |b| {
        b.iter(|| Agenda::compute(std::hint::black_box(&big), today));
    });
}

criterion_group!(benches, bench_schedule);
criterion_main!(benches);
