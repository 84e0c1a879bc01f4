#!/usr/bin/env bash
# Builds the working corpora for the fuzz targets in fuzz/corpus/<target>/ (not
# committed) from the committed seeds (fuzz/seeds/<target>/), the fixtures, the
# CommonMark specification's examples, a deterministic sample of ../shared/corpus and the
# built-in policy packs. Run from the repository root or from fuzz/.
#
#   fuzz/seed.sh [SAMPLE]    SAMPLE: how many corpus articles to take (default 300)
set -euo pipefail
cd "$(dirname "$0")"
sample=${1:-300}
spec=../tests/data/commonmark-spec.txt
corpus=../../shared/corpus

for t in document_rules_render fixes policy_toml; do
  mkdir -p "corpus/$t"
  if [ -d "seeds/$t" ]; then cp seeds/$t/* "corpus/$t/" 2>/dev/null || true; fi
done

md=corpus/document_rules_render
find ../fixtures -name '*.md' | sort | while read -r f; do
  cp "$f" "$md/fixture-$(basename "$(dirname "$f")")-$(basename "$f")"
done

# The spec's examples: the Markdown between a line of 32 backticks + " example" and a
# line holding only ".", with → standing for a tab.
if [ -f "$spec" ]; then
  awk -v out="$md" '
    /^```````````````````````````````` example$/ { n++; inside = 1; file = sprintf("%s/spec-%03d.md", out, n); printf "" > file; next }
    inside && /^\.$/ { inside = 0; close(file); next }
    inside { gsub(/→/, "\t"); print >> file }
  ' "$spec"
else
  echo "no CommonMark spec at $spec; skipping its examples" >&2
fi

# A deterministic sample of real articles (every Nth file in path order), each cut to
# 16 KiB so that the fuzzer's mutations stay fast.
if [ -d "$corpus" ]; then
  total=$(find "$corpus" -name '*.md' | wc -l)
  step=$(( total / sample > 0 ? total / sample : 1 ))
  find "$corpus" -name '*.md' | LC_ALL=C sort | awk -v s="$step" 'NR % s == 0' | head -n "$sample" |
    while read -r f; do
      name=$(echo "${f#"$corpus"/}" | tr '/' '_')
      head -c 16384 "$f" > "$md/corpus-$name"
    done
else
  echo "no corpus at $corpus; skipping it" >&2
fi

cp "$md"/* corpus/fixes/

for f in ../policies/*.toml; do
  cp "$f" "corpus/policy_toml/pack-$(basename "$f")"
done
for t in document_rules_render fixes policy_toml; do
  echo "$t: $(ls "corpus/$t" | wc -l) inputs"
done
