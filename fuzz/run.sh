#!/usr/bin/env bash
# Runs one fuzz target for a while on its working corpus (see seed.sh), one process, no
# sanitizer (copydesk forbids unsafe code) but with debug assertions, so integer overflow
# panics. Logs and CPU time go to fuzz/logs/.
#
#   fuzz/run.sh TARGET [SECONDS]      e.g. fuzz/run.sh document_rules_render 900
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
case $target in
  policy_toml) dict=policy_toml.dict; max_len=8192 ;;
  *) dict=markdown.dict; max_len=16384 ;;
esac
mkdir -p logs "corpus/$target"
stamp=$(date +%Y%m%d-%H%M%S)
# Build first, so that the time measured is the fuzzing's.
cargo +nightly fuzz build --sanitizer none --debug-assertions "$target" > "logs/$target-$stamp.build" 2>&1
/usr/bin/time -f '%U user %S system %e elapsed (s)' -o "logs/$target-$stamp.time" \
  cargo +nightly fuzz run --sanitizer none --debug-assertions "$target" "corpus/$target" -- \
  -dict="$dict" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 > "logs/$target-$stamp.log" 2>&1 || true
tail -n 8 "logs/$target-$stamp.log"
cat "logs/$target-$stamp.time"
