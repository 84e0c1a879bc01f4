#!/usr/bin/env bash
# Fixes a copy of a corpus with every fix (safe and unsafe) and checks that fixing
# converges and is idempotent: a second run finds nothing left to fix, no file needed more
# than the bounded number of passes, and every fixed file is still UTF-8 text.
#
#   scripts/fix-corpus.sh [CORPUS]     (default ../shared/corpus)
#
# The corpus itself is never modified: the script works on a temporary copy.
set -euo pipefail

corpus=${1:-../shared/corpus}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: nothing to do (pass a folder of Markdown files)" >&2
  exit 0
fi
cargo build --release --locked --quiet
bin=$PWD/target/release/copydesk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$corpus" "$work/copy"

echo "corpus: $corpus ($(find "$work/copy" -name '*.md' | wc -l) Markdown files)"
start=$(date +%s.%N)
"$bin" check --isolated --unsafe-fixes --format concise "$work/copy" > "$work/report" 2> "$work/stderr" || true
end=$(date +%s.%N)
grep -E '^fixed ' "$work/stderr" || echo "fixed nothing"
printf 'first pass: %.1f s\n' "$(echo "$end - $start" | bc)"

diff -rq "$corpus" "$work/copy" | sed -n 's/^Files .* and \(.*\) differ$/\1/p' > "$work/changed" || true
unconverged=$(grep -c 'were still changing' "$work/stderr" || true)
echo "files changed: $(wc -l < "$work/changed")"
echo "files whose fixes did not converge: $unconverged"

status=0
"$bin" check --isolated --unsafe-fixes --diff "$work/copy" > "$work/second.diff" 2>/dev/null || status=$?
lines=$(wc -l < "$work/second.diff")
echo "second run: exit $status, $lines lines of diff"

# Every changed file must still be UTF-8 text.
bad_utf8=0
while IFS= read -r f; do
  if ! iconv -f UTF-8 -t UTF-8 "$f" > /dev/null 2>&1; then
    bad_utf8=$((bad_utf8 + 1))
    echo "not UTF-8 after fixing: $f"
  fi
done < "$work/changed"

if [ "$status" -ne 0 ] || [ "$unconverged" -ne 0 ] || [ "$bad_utf8" -ne 0 ]; then
  echo "FAILED: fixing is not idempotent or did not converge"
  head -50 "$work/second.diff"
  exit 1
fi
echo "ok: fixing converges and a second run changes nothing"
