#!/usr/bin/env bash
# Regenerate the sample reports in reports/ (the tests fail when they are stale).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
target/release/taohua scan corpus/kaifaqu-19.txt --format html -o reports/kaifaqu-19-scan.html
target/release/taohua check tests/fixtures/check/draft.txt --against corpus/kaifaqu-19.txt --format html -o reports/sample-check.html
echo "wrote reports/kaifaqu-19-scan.html reports/sample-check.html"
