#!/usr/bin/env bash
# The benchmarks at their small size (about three minutes on a quiet machine): prints the table and writes
# bench/results.json. With --strict --ci the build fails on every correctness check (every reader queued once,
# e-mails in the SES stand-in = N, no MJML or dev package in a bundle, answer statuses) and on the timing targets
# marked (CI) in the table: those whose small-size spread on a busy 2-core machine (measured under
# `stress-ng --cpu 2`) stays inside the target. The other ratios swing past their targets on a busy machine and are
# reported only here; `npm run bench -- --strict` on a quiet machine enforces them all. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build:templates
exec node node_modules/tsx/dist/cli.mjs bench/run.ts --small --strict --ci "$@"
