//! Parser throughput: lex-only and lex+parse on real-world bundles.
//!
//! Run with `cargo bench -p moat-parser --bench parse`. The inputs are typescript.js and
//! three.module.js from `target/bench-sources/` (fetch them with
//! `scripts/fetch-bench-sources.sh`); when absent, a generated source stands in so the bench
//! never fails.

// `cargo build --benches` compiles this harness-less bench with cfg(test), so the support unit
// tests are built but never called here; they run from the parse_bench example.
#[cfg_attr(test, allow(dead_code, unused_imports))]
mod support;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use moat_lexer::Goal;
use std::hint::black_box;
use std::time::Duration;
use support::lex_only::lex_all;
use support::sources::{load_or_generate, BenchSource};

fn inputs() -> Vec<BenchSource> {
    let mut list = vec![
        load_or_generate("typescript.js", Goal::Script),
        load_or_generate("three.module.js", Goal::Module),
    ];
    // Two missing files would give the same generated source twice.
    list.dedup_by(|a, b| a.name == b.name);
    list
}

fn parse(source: &BenchSource) -> bool {
    let options = moat_parser::ParseOptions::default();
    match source.goal {
        Goal::Script => moat_parser::parse_script(&source.text, options).is_ok(),
        Goal::Module => moat_parser::parse_module(&source.text, options).is_ok(),
    }
}

fn bench_parse(c: &mut Criterion) {
    let sources = inputs();
    for source in &sources {
        // A lexer or parser failure would make the figures meaningless: report it up front.
        if let Err(e) = lex_all(&source.text, source.goal) {
            eprintln!(
                "warning: lex-only run fails on {}: {e} at {:?}",
                source.name, e.span
            );
        }
        if !parse(source) {
            eprintln!("warning: moat-parser rejects {}", source.name);
        }
    }

    let mut group = c.benchmark_group("lex");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for source in &sources {
        group.throughput(Throughput::Bytes(source.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&source.name), source, |b, s| {
            b.iter(|| black_box(lex_all(black_box(&s.text), s.goal).is_ok()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lex+parse");
    // Flat sampling: a typescript.js parse takes ~0.3 s, too long for linear sampling in 10 s.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10));
    for source in &sources {
        group.throughput(Throughput::Bytes(source.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&source.name), source, |b, s| {
            b.iter(|| black_box(parse(black_box(s))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
