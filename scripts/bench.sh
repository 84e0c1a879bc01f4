#!/usr/bin/env bash
# copydesk's performance benchmark (issue 5), in one command from a fresh clone:
#
#   scripts/bench.sh [CORPUS_DIR]        # default: ../shared/corpus next to the repository
#
# It builds copydesk and the parse-only example in release mode, then measures and prints,
# as one Markdown table with targets marked pass or miss:
#   (a) the parse-only floor: reading and parsing every Markdown file with pulldown-cmark
#       (examples/parse_only.rs), in MB/s and files/s;
#   (b) `copydesk check --isolated --format json` over the corpus with the full default
#       policy, on 1 thread and on all threads (when `check --help` offers --threads);
#   (c) one-article latency on fixtures/seed.md, process start to exit, median of many runs;
#   (d) peak RSS of the whole-corpus run;
#   (e) peers on the same files: textlint (no-todo, prh, sentence-length), proselint,
#       markdownlint-cli2 and rumdl, installed into .peers/ (git-ignored). A peer whose
#       whole-corpus run is estimated to take longer than BENCH_PEER_BUDGET seconds runs
#       on a fixed sample instead, and copydesk is timed on the same sample.
#
# Times are wall-clock medians (hyperfine when installed, else a loop over `date +%s%N`),
# page cache warm. Settings, from the environment:
#   BENCH_RUNS=3            runs per whole-corpus measurement (after one warm-up run)
#   BENCH_LATENCY_RUNS=200  runs for the one-article latency
#   BENCH_PEERS=1           0 skips the peers
#   BENCH_PEER_BUDGET=300   seconds a peer's whole-corpus run may take before a sample is used
#   BENCH_SAMPLE=500        files in that sample (every k-th file in path order)
#   BENCH_NO_INSTALL=0      1: install nothing (hyperfine, time, peers); use what is there
#   BENCH_COPYDESK=PATH     time this copydesk binary instead of the one just built
#
# The table is also written to .peers/run/table.md.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
CORPUS=${1:-$ROOT/../shared/corpus}
RUNS=${BENCH_RUNS:-3}
LATENCY_RUNS=${BENCH_LATENCY_RUNS:-200}
WANT_PEERS=${BENCH_PEERS:-1}
PEER_BUDGET=${BENCH_PEER_BUDGET:-300}
SAMPLE_SIZE=${BENCH_SAMPLE:-500}
NO_INSTALL=${BENCH_NO_INSTALL:-0}
PROBE_SIZE=100

PEERS=$ROOT/.peers
RUN=$PEERS/run
mkdir -p "$RUN" "$RUN/empty" || exit 2
export LC_ALL=C

say() { printf '%s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
die() {
    say "bench.sh: $*"
    exit 2
}

if [ ! -d "$CORPUS" ]; then
    die "no corpus at $CORPUS (give a folder of Markdown files as the first argument)"
fi
CORPUS=$(cd "$CORPUS" && pwd)

# --- tools ------------------------------------------------------------------------------

can_apt() { [ "$NO_INSTALL" != 1 ] && [ "$(id -u)" = 0 ] && have apt-get; }
APT_UPDATED=0
apt_install() {
    can_apt || return 1
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq >"$RUN/apt.log" 2>&1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$RUN/apt.log" 2>&1
}

if ! have hyperfine; then
    say "== installing hyperfine (apt-get)"
    apt_install hyperfine || say "   hyperfine not available: timing with a loop over date +%s%N"
fi
if [ ! -x /usr/bin/time ]; then
    say "== installing GNU time (apt-get)"
    apt_install time || say "   /usr/bin/time not available: peak RSS read from /proc"
fi

# --- build ------------------------------------------------------------------------------

say "== cargo build --release --locked --bin copydesk --example parse_only"
cargo build --release --locked --bin copydesk --example parse_only >&2 || die "build failed"
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
TARGET_DIR=${TARGET_DIR:-$ROOT/target}
CD=${BENCH_COPYDESK:-$TARGET_DIR/release/copydesk}
PARSE=$TARGET_DIR/release/examples/parse_only
if [ ! -x "$CD" ] || [ ! -x "$PARSE" ]; then
    die "built binaries not found under $TARGET_DIR/release"
fi

# --- measuring --------------------------------------------------------------------------

# measure ID RUNS WARMUP CMD... -> sets MEDIAN and CPU (seconds; CPU is "" when unknown).
# Exit codes are not checked here: `check_runs` does that first.
measure() {
    local id=$1 runs=$2 warmup=$3
    shift 3
    MEDIAN=""
    CPU=""
    if have hyperfine; then
        local cmd
        cmd=$(printf '%q ' "$@")
        if ! hyperfine -N -i --style none --runs "$runs" --warmup "$warmup" \
            --export-json "$RUN/$id.json" -n "$id" -- "$cmd" >"$RUN/$id.log" 2>&1; then
            say "   hyperfine failed for $id (see $RUN/$id.log)"
            return 1
        fi
        MEDIAN=$(sed -n 's/^ *"median": *\([0-9.eE+-]*\).*/\1/p' "$RUN/$id.json" | head -1)
        local user sys
        user=$(sed -n 's/^ *"user": *\([0-9.eE+-]*\).*/\1/p' "$RUN/$id.json" | head -1)
        sys=$(sed -n 's/^ *"system": *\([0-9.eE+-]*\).*/\1/p' "$RUN/$id.json" | head -1)
        CPU=$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN { printf "%.6f", u + s }')
    else
        local i start end
        for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1; done
        : >"$RUN/$id.times"
        for ((i = 0; i < runs; i++)); do
            start=$(date +%s%N)
            "$@" >/dev/null 2>&1
            end=$(date +%s%N)
            echo $((end - start)) >>"$RUN/$id.times"
        done
        MEDIAN=$(sort -n "$RUN/$id.times" | awk '{ t[NR] = $1 } END {
            if (NR % 2) m = t[(NR + 1) / 2]; else m = (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%.6f", m / 1e9 }')
    fi
    [ -n "$MEDIAN" ]
}

# check_runs ID OK_CODES CMD...: one run (also the warm-up); RC holds its exit code, and
# it fails unless the code is one of OK_CODES (e.g. "0 1"). Sets ONE_RUN (seconds).
check_runs() {
    local id=$1 ok=$2
    shift 2
    local start end
    start=$(date +%s%N)
    (cd "$RUN/empty" && "$@") >/dev/null 2>"$RUN/$id.stderr"
    RC=$?
    end=$(date +%s%N)
    ONE_RUN=$(awk -v d=$((end - start)) 'BEGIN { printf "%.6f", d / 1e9 }')
    case " $ok " in
    *" $RC "*) return 0 ;;
    *) return 1 ;;
    esac
}

# peak_rss CMD... -> RSS_KB (kibibytes): /usr/bin/time -v, else VmHWM polled from /proc
# every 10 ms (which can miss the last moments of a run).
peak_rss() {
    RSS_KB=""
    if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
        /usr/bin/time -v -o "$RUN/time-v.txt" "$@" >/dev/null 2>&1
        RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$RUN/time-v.txt")
        RSS_HOW="/usr/bin/time -v"
    else
        "$@" >/dev/null 2>&1 &
        local pid=$! hwm max=0
        while [ -r "/proc/$pid/status" ]; do
            hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
            [ -n "$hwm" ] && [ "$hwm" -gt "$max" ] && max=$hwm
            sleep 0.01
        done
        wait "$pid"
        RSS_KB=$max
        RSS_HOW="VmHWM polled from /proc"
    fi
}

# Arithmetic and formatting (awk: bash has no floating point).
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
secs() { awk -v x="$1" 'BEGIN { if (x == "") print "-"; else if (x < 1) printf "%.1f ms", x * 1000; else printf "%.2f s", x }'; }
num1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
num2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }
num0() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
verdict() { if ge "$1" "$2"; then echo "**pass**"; else echo "**miss**"; fi; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

# --- the machine ------------------------------------------------------------------------

CPUS=$(nproc)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null | head -1)
[ -n "$CPU_MODEL" ] || CPU_MODEL=$(uname -m)
MEM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
# shellcheck disable=SC1091
OS=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)
KERNEL=$(uname -r)
RUSTC=$(rustc --version 2>/dev/null)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null)
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && COMMIT="$COMMIT (with uncommitted changes)"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
TIMER="loop over date +%s%N"
have hyperfine && TIMER=$(hyperfine --version)

# --- the files --------------------------------------------------------------------------

# The files copydesk checks in a folder: .md and .markdown, less the default exclusions
# (src/policy/select.rs), in path order, NUL-separated.
list_files() {
    find "$1" -mindepth 1 -type d \( -iname .git -o -iname .github -o -iname .gitlab \
        -o -iname node_modules -o -iname target -o -iname vendor \) -prune \
        -o -type f \( -iname '*.md' -o -iname '*.markdown' \) \
        ! \( -iname README.md -o -iname CHANGELOG.md -o -iname LICENSE.md \
        -o -iname CONTRIBUTING.md -o -iname CODE_OF_CONDUCT.md -o -iname SECURITY.md \) \
        -print0 | sort -z
}
count_files() { tr -cd '\0' <"$1" | wc -c; }
count_bytes() { xargs -0 cat <"$1" | wc -c; }

list_files "$CORPUS" >"$RUN/corpus.list"
FILES=$(count_files "$RUN/corpus.list")
BYTES=$(count_bytes "$RUN/corpus.list")
[ "$FILES" -gt 0 ] || die "no .md or .markdown files in $CORPUS"

# make_sample N NAME: every k-th file of the corpus (k = files / N), copied with their
# relative paths into $RUN/NAME, so every tool gets a folder; sets SAMPLE_DIR, SAMPLE_LIST,
# SAMPLE_FILES, SAMPLE_BYTES, SAMPLE_STEP.
make_sample() {
    local n=$1 name=$2
    SAMPLE_STEP=$(((FILES + n - 1) / n))
    [ "$SAMPLE_STEP" -ge 1 ] || SAMPLE_STEP=1
    SAMPLE_DIR=$RUN/$name
    rm -rf "$SAMPLE_DIR"
    mkdir -p "$SAMPLE_DIR"
    local i=0 f rel
    while IFS= read -r -d '' f; do
        if ((i % SAMPLE_STEP == 0)); then
            rel=${f#"$CORPUS"/}
            mkdir -p "$SAMPLE_DIR/$(dirname "$rel")"
            cp "$f" "$SAMPLE_DIR/$rel"
        fi
        i=$((i + 1))
    done <"$RUN/corpus.list"
    SAMPLE_LIST=$RUN/$name.list
    list_files "$SAMPLE_DIR" >"$SAMPLE_LIST"
    SAMPLE_FILES=$(count_files "$SAMPLE_LIST")
    SAMPLE_BYTES=$(count_bytes "$SAMPLE_LIST")
}

# --- (a) parse-only ---------------------------------------------------------------------

say "== (a) parse-only floor: $PARSE over $CORPUS ($FILES files, $(mb "$BYTES") MB), $RUNS run(s)"
RAW=$("$PARSE" --raw "$CORPUS") || die "parse_only failed"
P_FILES=$(sed -n 's/.*files=\([0-9]*\).*/\1/p' <<<"$RAW")
P_INTERNAL=$(sed -n 's/.*parse_s=\([0-9.]*\).*/\1/p' <<<"$RAW")
if [ "$P_FILES" != "$FILES" ]; then
    say "   note: parse_only saw $P_FILES files, find saw $FILES (.gitignore or hidden files?)"
fi
measure parse-only "$RUNS" 1 "$PARSE" "$CORPUS" || die "timing parse_only failed"
P_TIME=$MEDIAN
P_CPU=$CPU

# --- (b) copydesk over the corpus -------------------------------------------------------

THREADS_AVAILABLE=0
if "$CD" check --help 2>/dev/null | grep -q -- '--threads'; then
    THREADS_AVAILABLE=1
fi
THREAD_COUNTS=()
if [ "$THREADS_AVAILABLE" = 1 ]; then
    THREAD_COUNTS=(1)
    [ "$CPUS" -ge 2 ] && THREAD_COUNTS+=(2)
    [ "$CPUS" -gt 2 ] && THREAD_COUNTS+=("$CPUS")
else
    say "   threads: not available yet (copydesk check --help does not mention --threads); timing the default run"
fi

# copydesk_args THREADS PATH -> CD_ARGS (THREADS empty: no --threads)
copydesk_args() {
    CD_ARGS=("$CD" check --isolated --format json)
    [ -n "$1" ] && CD_ARGS+=(--threads "$1")
    CD_ARGS+=("$2")
}

declare -A CD_TIME CD_CPU
time_copydesk() { # LABEL THREADS PATH
    local label=$1 threads=$2 path=$3
    copydesk_args "$threads" "$path"
    if ! check_runs "copydesk-$label" "0 1 2" "${CD_ARGS[@]}"; then
        die "copydesk failed (exit $RC): $(head -3 "$RUN/copydesk-$label.stderr")"
    fi
    if [ "$RC" = 2 ]; then
        say "   note: copydesk exited 2 on $path (some files could not be checked): $(head -1 "$RUN/copydesk-$label.stderr")"
    fi
    measure "copydesk-$label" "$RUNS" 0 "${CD_ARGS[@]}" || die "timing copydesk failed"
    CD_TIME[$label]=$MEDIAN
    CD_CPU[$label]=$CPU
}

if [ "$THREADS_AVAILABLE" = 1 ]; then
    for t in "${THREAD_COUNTS[@]}"; do
        say "== (b) copydesk check --isolated --format json --threads $t over the corpus, $RUNS run(s)"
        time_copydesk "full-t$t" "$t" "$CORPUS"
    done
    CD1=full-t1
    CDN=full-t${THREAD_COUNTS[${#THREAD_COUNTS[@]} - 1]}
else
    say "== (b) copydesk check --isolated --format json over the corpus, $RUNS run(s)"
    time_copydesk full-t1 "" "$CORPUS"
    CD1=full-t1
    CDN=full-t1
fi

# --- (c) one-article latency ------------------------------------------------------------

SEED=fixtures/seed.md
say "== (c) one article: copydesk check --isolated $SEED (human and json), $LATENCY_RUNS runs each"
check_runs latency-human "0 1" "$CD" check --isolated "$ROOT/$SEED" ||
    die "copydesk check $SEED failed (exit $RC)"
measure latency-human "$LATENCY_RUNS" 10 "$CD" check --isolated "$SEED" || die "timing failed"
LAT_HUMAN=$MEDIAN LAT_HUMAN_CPU=$CPU
measure latency-json "$LATENCY_RUNS" 10 "$CD" check --isolated --format json "$SEED" || die "timing failed"
LAT_JSON=$MEDIAN LAT_JSON_CPU=$CPU

# --- (d) peak RSS -----------------------------------------------------------------------

say "== (d) peak RSS over the corpus"
copydesk_args "" "$CORPUS"
peak_rss "${CD_ARGS[@]}"
RSS_CD=$RSS_KB
peak_rss "$PARSE" "$CORPUS"
RSS_PARSE=$RSS_KB

# --- (e) peers --------------------------------------------------------------------------

PEER_NAMES=(textlint proselint markdownlint-cli2 rumdl)
declare -A PEER_STATUS PEER_VERSION PEER_DESC PEER_BIN
PEER_DESC[textlint]="rules no-todo, prh (scripts/bench/prh.yml), sentence-length; -f json"
PEER_DESC[proselint]="proselint check -o json, default checks"
PEER_DESC[markdownlint-cli2]="default rules"
PEER_DESC[rumdl]="rumdl check --no-config --no-cache --output-format json, default rules"

install_npm() { # NAME PACKAGES...
    local name=$1
    shift
    if [ "$NO_INSTALL" = 1 ]; then return 0; fi
    if ! have npm; then
        PEER_STATUS[$name]="not available: npm not found"
        return 1
    fi
    mkdir -p "$PEERS/npm"
    if ! npm install --prefix "$PEERS/npm" --no-audit --no-fund --loglevel=error "$@" \
        >"$RUN/install-$name.log" 2>&1; then
        PEER_STATUS[$name]="not available: npm install failed ($(tail -1 "$RUN/install-$name.log"))"
        return 1
    fi
}

venv_pip() { # NAME PACKAGES...
    local name=$1
    shift
    if [ "$NO_INSTALL" = 1 ]; then return 0; fi
    if [ ! -x "$PEERS/venv/bin/pip" ]; then
        if ! have python3 || ! python3 -m venv "$PEERS/venv" >"$RUN/install-venv.log" 2>&1; then
            PEER_STATUS[$name]="not available: could not make a Python venv (python3 -m venv)"
            return 1
        fi
    fi
    if ! "$PEERS/venv/bin/pip" install -q --disable-pip-version-check "$@" \
        >"$RUN/install-$name.log" 2>&1; then
        PEER_STATUS[$name]="not available: pip install $* failed ($(tail -1 "$RUN/install-$name.log"))"
        return 1
    fi
}

setup_peers() {
    say "== (e) installing peers into $PEERS"
    # Versions are pinned so that runs stay comparable; change them here.
    if [ -x "$PEERS/npm/node_modules/.bin/textlint" ] ||
        install_npm textlint textlint@15.8.0 textlint-rule-no-todo@2.0.1 \
            textlint-rule-prh@6.1.0 textlint-rule-sentence-length@5.2.1; then
        PEER_BIN[textlint]=$PEERS/npm/node_modules/.bin/textlint
    fi
    if [ -x "$PEERS/npm/node_modules/.bin/markdownlint-cli2" ] ||
        install_npm markdownlint-cli2 markdownlint-cli2@0.24.1; then
        PEER_BIN[markdownlint-cli2]=$PEERS/npm/node_modules/.bin/markdownlint-cli2
    fi
    if [ -x "$PEERS/venv/bin/proselint" ] || venv_pip proselint proselint==0.16.0; then
        PEER_BIN[proselint]=$PEERS/venv/bin/proselint
    fi
    if [ -x "$PEERS/venv/bin/rumdl" ] || venv_pip rumdl rumdl==0.3.0; then
        PEER_BIN[rumdl]=$PEERS/venv/bin/rumdl
    elif [ -x "$PEERS/cargo/bin/rumdl" ]; then
        PEER_BIN[rumdl]=$PEERS/cargo/bin/rumdl
    elif [ "$NO_INSTALL" != 1 ] && have cargo; then
        say "   rumdl: no wheel from PyPI; building it from crates.io (slow)"
        if cargo install --locked --root "$PEERS/cargo" rumdl@0.3.0 >"$RUN/install-rumdl-cargo.log" 2>&1; then
            PEER_BIN[rumdl]=$PEERS/cargo/bin/rumdl
            PEER_STATUS[rumdl]=""
        else
            PEER_STATUS[rumdl]="not available: neither pip nor cargo install worked (see $RUN/install-rumdl*.log)"
        fi
    fi
    local name bin
    for name in "${PEER_NAMES[@]}"; do
        bin=${PEER_BIN[$name]:-}
        if [ -z "$bin" ] || [ ! -x "$bin" ]; then
            PEER_BIN[$name]=""
            [ -n "${PEER_STATUS[$name]:-}" ] || PEER_STATUS[$name]="not available: not installed"
            continue
        fi
        case $name in
        proselint) PEER_VERSION[$name]=$("$bin" version 2>/dev/null | head -1) ;;
        markdownlint-cli2) PEER_VERSION[$name]=$("$bin" --help 2>/dev/null | head -1) ;;
        *)
            PEER_VERSION[$name]=$("$bin" --version 2>/dev/null | head -1)
            case ${PEER_VERSION[$name]} in
            "$name"*) ;;
            *) PEER_VERSION[$name]="$name ${PEER_VERSION[$name]}" ;;
            esac
            ;;
        esac
    done
}

# peer_command NAME DIR LIST -> PEER_CMD (an array). Every peer is run from an empty
# folder so that no configuration file of the repository is picked up.
peer_command() {
    local name=$1 dir=$2 list=$3 bin=${PEER_BIN[$1]}
    case $name in
    textlint)
        PEER_CMD=("$bin" --config "$ROOT/scripts/bench/textlintrc.json"
            --rules-base-directory "$PEERS/npm/node_modules" -f json "$dir/**/*.{md,markdown}")
        ;;
    proselint)
        # proselint reads every file of a folder (.txt too): give it the Markdown files,
        # through a script, as hyperfine takes the command as one (length-limited) argument.
        local wrapper
        wrapper=$RUN/proselint-$(basename "$dir").sh
        # shellcheck disable=SC2016
        printf '#!/usr/bin/env bash\nmapfile -d "" files < %q\nexec %q check -o json "${files[@]}"\n' \
            "$list" "$bin" >"$wrapper"
        PEER_CMD=(bash "$wrapper")
        ;;
    markdownlint-cli2)
        PEER_CMD=("$bin" "$dir/**/*.{md,markdown}")
        ;;
    rumdl)
        PEER_CMD=("$bin" check --no-config --no-cache --output-format json "$dir")
        ;;
    esac
}

# Peer results: set (full or sample), files, bytes, median, copydesk's median on that set.
declare -A PEER_SET PEER_FILES PEER_BYTES PEER_TIME PEER_CPU PEER_RUNS PEER_CD PEER_CD_CPU PEER_CD_DESC
SAMPLE_READY=0
PROBE_READY=0

time_peer() {
    local name=$1
    [ -n "${PEER_BIN[$name]}" ] || return 0
    say "== (e) $name"
    if [ "$PROBE_READY" = 0 ]; then
        make_sample "$PROBE_SIZE" probe
        PROBE_DIR=$SAMPLE_DIR PROBE_LIST=$SAMPLE_LIST PROBE_BYTES=$SAMPLE_BYTES PROBE_FILES=$SAMPLE_FILES
        PROBE_READY=1
    fi
    # A first run on the probe sample: does it work, and how long would the corpus take?
    peer_command "$name" "$PROBE_DIR" "$PROBE_LIST"
    if ! check_runs "probe-$name" "0 1" "${PEER_CMD[@]}"; then
        PEER_STATUS[$name]="not available: exit $RC on the probe sample ($(grep -v '^[[:space:]]*$' "$RUN/probe-$name.stderr" | tail -1 | cut -c1-120))"
        say "   ${PEER_STATUS[$name]}"
        return 0
    fi
    local estimate
    estimate=$(calc "$ONE_RUN * $BYTES / $PROBE_BYTES")
    say "   probe: $(secs "$ONE_RUN") on $PROBE_FILES files; whole corpus estimated at $(secs "$estimate")"
    local dir list runs=$RUNS
    if ge "$PEER_BUDGET" "$estimate"; then
        PEER_SET[$name]=corpus
        dir=$CORPUS list=$RUN/corpus.list
        PEER_FILES[$name]=$FILES PEER_BYTES[$name]=$BYTES
        PEER_CD[$name]=${CD_TIME[$CD1]} PEER_CD_CPU[$name]=${CD_CPU[$CD1]} PEER_CD_DESC[$name]="1 thread"
        if [ "$name" = rumdl ] && [ "$CDN" != "$CD1" ]; then
            # rumdl checks files in parallel: compare with copydesk on all threads.
            PEER_CD[$name]=${CD_TIME[$CDN]} PEER_CD_CPU[$name]=${CD_CPU[$CDN]}
            PEER_CD_DESC[$name]="${CDN#full-t} threads"
        fi
    else
        if [ "$SAMPLE_READY" = 0 ]; then
            make_sample "$SAMPLE_SIZE" sample
            SAMPLE_READY=1
            say "   copydesk on the sample (1 file in $SAMPLE_STEP: $SAMPLE_FILES files)"
            copydesk_args "$([ "$THREADS_AVAILABLE" = 1 ] && echo 1)" "$SAMPLE_DIR"
            check_runs copydesk-sample "0 1 2" "${CD_ARGS[@]}" || die "copydesk failed on the sample"
            measure copydesk-sample "$RUNS" 0 "${CD_ARGS[@]}" || die "timing copydesk failed"
            CD_TIME[sample]=$MEDIAN
            CD_CPU[sample]=$CPU
        fi
        PEER_SET[$name]="sample: 1 file in $SAMPLE_STEP, in path order"
        dir=$SAMPLE_DIR list=$SAMPLE_LIST
        PEER_FILES[$name]=$SAMPLE_FILES PEER_BYTES[$name]=$SAMPLE_BYTES
        PEER_CD[$name]=${CD_TIME[sample]} PEER_CD_CPU[$name]=${CD_CPU[sample]} PEER_CD_DESC[$name]="1 thread"
        estimate=$(calc "$ONE_RUN * $SAMPLE_BYTES / $PROBE_BYTES")
    fi
    # Slow runs are timed once; the probe run warmed the page cache.
    ge "$estimate" 30 && runs=1
    PEER_RUNS[$name]=$runs
    peer_command "$name" "$dir" "$list"
    say "   timing on ${PEER_FILES[$name]} files ($runs run(s), about $(secs "$(calc "$estimate * $runs")"))"
    local here=$PWD
    cd "$RUN/empty" || return 1
    if measure "peer-$name" "$runs" 0 "${PEER_CMD[@]}"; then
        PEER_TIME[$name]=$MEDIAN
        PEER_CPU[$name]=$CPU
        PEER_STATUS[$name]=ok
    else
        PEER_STATUS[$name]="not available: timing failed"
    fi
    cd "$here" || exit 2
}

if [ "$WANT_PEERS" = 1 ]; then
    setup_peers
    for name in "${PEER_NAMES[@]}"; do time_peer "$name"; done
else
    for name in "${PEER_NAMES[@]}"; do PEER_STATUS[$name]="not run (BENCH_PEERS=0)"; done
fi

# --- the table --------------------------------------------------------------------------

TABLE=$RUN/table.md
{
    echo "copydesk benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT"
    echo
    echo "- machine: $CPUS CPUs ($CPU_MODEL), $MEM memory, $OS, Linux $KERNEL; load average at start $LOAD"
    echo "- $RUSTC; timer: $TIMER; corpus: $CORPUS ($FILES files, $BYTES bytes)"
    echo "- command: scripts/bench.sh${*:+ $*}"
    echo "- times are wall-clock medians of $RUNS run(s) after a warm-up (page cache warm) unless the row says otherwise; CPU is the mean user + system time"
    if [ "$THREADS_AVAILABLE" = 0 ]; then
        echo "- threads: not available yet (\`copydesk check --help\` does not mention \`--threads\`): copydesk ran its default, single-threaded path"
    fi
    echo
    echo "| measurement | files | time | CPU | MB/s | files/s | ratio | target | result |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"
    row_tp() { # LABEL FILES BYTES TIME CPU RATIO TARGET RESULT
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$(secs "$4")" \
            "$(secs "$5")" "$(num1 "$(calc "$3 / 1e6 / $4")")" "$(num0 "$(calc "$2 / $4")")" "$6" "$7" "$8"
    }
    row_tp "(a) parse-only floor: read + pulldown-cmark (examples/parse_only)" "$FILES" "$BYTES" \
        "$P_TIME" "$P_CPU" "1 (in-process parse $(secs "$P_INTERNAL"))" "" ""
    share=$(calc "$P_TIME / ${CD_TIME[$CD1]}")
    label="(b) copydesk check --isolated --format json, 1 thread"
    [ "$THREADS_AVAILABLE" = 0 ] && label="(b) copydesk check --isolated --format json (no --threads yet: default run)"
    cpu_share=""
    if [ -n "$P_CPU" ] && [ -n "${CD_CPU[$CD1]}" ]; then
        cpu_share="; in CPU time $(num1 "$(calc "$P_CPU / ${CD_CPU[$CD1]} * 100")")%"
    fi
    row_tp "$label" "$FILES" "$BYTES" "${CD_TIME[$CD1]}" "${CD_CPU[$CD1]}" \
        "$(num1 "$(calc "$share * 100")")% of parse-only throughput$cpu_share" "≥ 50%" "$(verdict "$share" 0.5)"
    if [ "$THREADS_AVAILABLE" = 1 ]; then
        for t in "${THREAD_COUNTS[@]}"; do
            [ "$t" = 1 ] && continue
            speedup=$(calc "${CD_TIME[$CD1]} / ${CD_TIME[full-t$t]}")
            target="" result=""
            if [ "$t" = 2 ]; then target="≥ 1.8×" result=$(verdict "$speedup" 1.8); fi
            row_tp "(b) copydesk, --threads $t" "$FILES" "$BYTES" "${CD_TIME[full-t$t]}" \
                "${CD_CPU[full-t$t]}" "$(num2 "$speedup")× 1 thread" "$target" "$result"
        done
    else
        echo "| (b) copydesk, 2 threads | | | | | | threads not available yet | ≥ 1.8× 1 thread | n/a |"
    fi
    printf '| %s | 1 | %s | %s | | | median of %s runs, start to exit | %s | %s |\n' \
        "(c) one article: copydesk check --isolated $SEED (human report)" "$(secs "$LAT_HUMAN")" \
        "$(secs "$LAT_HUMAN_CPU")" "$LATENCY_RUNS" "≤ 5 ms" "$(verdict 0.005 "$LAT_HUMAN")"
    printf '| %s | 1 | %s | %s | | | median of %s runs | | |\n' \
        "(c) one article, --format json" "$(secs "$LAT_JSON")" "$(secs "$LAT_JSON_CPU")" "$LATENCY_RUNS"
    rss_mb=$(calc "$RSS_CD * 1024 / 1e6")
    printf '| %s | %s | %s MB | | | | parse-only: %s MB (%s) | ≤ 50 MB | %s |\n' \
        "(d) peak RSS, copydesk check over the corpus" "$FILES" "$(num1 "$rss_mb")" \
        "$(num1 "$(calc "$RSS_PARSE * 1024 / 1e6")")" "$RSS_HOW" "$(verdict 50 "$rss_mb")"
    for name in "${PEER_NAMES[@]}"; do
        desc="(e) ${PEER_VERSION[$name]:-$name} (${PEER_DESC[$name]})"
        if [ "${PEER_STATUS[$name]}" != ok ]; then
            printf '| %s | | | | | | %s | | |\n' "$desc" "${PEER_STATUS[$name]}"
            continue
        fi
        faster=$(calc "${PEER_TIME[$name]} / ${PEER_CD[$name]}")
        if ge "$faster" 1; then
            compared="copydesk $(num1 "$faster")× faster"
        else
            compared="copydesk $(num1 "$(calc "1 / $faster")")× slower"
        fi
        cpu_ratio=""
        if [ -n "${PEER_CPU[$name]}" ] && [ -n "${PEER_CD_CPU[$name]}" ]; then
            cpu_ratio="; CPU time ratio $(num1 "$(calc "${PEER_CPU[$name]} / ${PEER_CD_CPU[$name]}")")"
        fi
        set_desc=${PEER_SET[$name]}
        [ "$set_desc" = corpus ] && set_desc="whole corpus"
        runs_desc="median of ${PEER_RUNS[$name]} runs"
        [ "${PEER_RUNS[$name]}" = 1 ] && runs_desc="1 run"
        target="" result=""
        case $name in
        textlint | proselint) target="≥ 50×" result=$(verdict "$faster" 50) ;;
        rumdl) target="≥ 1×" result=$(verdict "$faster" 1) ;;
        esac
        row_tp "$desc" "${PEER_FILES[$name]}" "${PEER_BYTES[$name]}" "${PEER_TIME[$name]}" "${PEER_CPU[$name]}" \
            "$compared$cpu_ratio ($set_desc, $runs_desc; copydesk on ${PEER_CD_DESC[$name]}: $(secs "${PEER_CD[$name]}"))" \
            "$target" "$result"
    done
    echo
    echo "Ratios are of wall-clock medians (the targets are judged on them); \"in CPU time\" gives the same ratio of user + system time, which other programs running on the machine disturb less."
    echo "Parse-only share = parse-only time / copydesk time. \"copydesk N× faster\" = the peer's time / copydesk's time on the same files; \"CPU time ratio\" is the peer's CPU time / copydesk's."
    echo "MB = 10^6 bytes. Other programs may have been running on the machine (see the load average)."
} >"$TABLE"

echo
cat "$TABLE"
