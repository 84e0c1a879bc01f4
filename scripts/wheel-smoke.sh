#!/usr/bin/env bash
# Builds copydesk's Python wheel as the release does, installs it, and runs what it
# installed:
#
#   scripts/wheel-smoke.sh
#
# 1. a venv in target/wheel-smoke/build with maturin from PyPI, in the range that
#    pyproject.toml's [build-system] asks for;
# 2. `maturin build --release --locked`: the wheel, into target/wheels;
# 3. a second, fresh venv, target/wheel-smoke/install, and `pip install` of that wheel
#    alone (no index);
# 4. that venv's `copydesk --version` must print `copydesk VERSION`, VERSION being
#    Cargo.toml's, and its `copydesk check fixtures/clean.md` must pass (exit 0).
#
# It prints the wheel's name and size and how long each step took, and exits 1 when a
# step fails. Needs python3 (with venv and pip), Rust, and PyPI. Cargo builds in
# CARGO_TARGET_DIR when it is set, else in target/; a cold release build takes minutes.
# Everything it makes is under target/, which .gitignore covers.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

PYTHON=${PYTHON:-python3}
WORK=$ROOT/target/wheel-smoke
WHEELS=$ROOT/target/wheels

fail() {
  echo "wheel-smoke: FAILED: $*" >&2
  exit 1
}

# `version = "…"` of [package]: the first top-level `version` line of Cargo.toml.
VERSION=$(sed -n 's/^version = "\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
[ -n "$VERSION" ] || fail "no version in Cargo.toml"
# The maturin requirement of pyproject.toml: requires = ["maturin>=…,<…"].
MATURIN_REQ=$(sed -n 's/^requires = \["\(maturin[^"]*\)"\].*/\1/p' pyproject.toml | head -n 1)
[ -n "$MATURIN_REQ" ] || fail "no maturin requirement in pyproject.toml"

start=$(date +%s)
step_start=$start
step() {
  local now
  now=$(date +%s)
  printf 'wheel-smoke: %-40s %4d s\n' "$1" "$((now - step_start))"
  step_start=$now
}

echo "wheel-smoke: copydesk $VERSION, $MATURIN_REQ, $("$PYTHON" --version 2>&1)"

# 1. maturin, in a venv of its own.
rm -rf "$WORK"
mkdir -p "$WORK" "$WHEELS"
"$PYTHON" -m venv "$WORK/build" || fail "python3 -m venv (Debian: apt-get install python3-venv)"
"$WORK/build/bin/python" -m pip install --quiet --disable-pip-version-check "$MATURIN_REQ" ||
  fail "pip install $MATURIN_REQ"
echo "wheel-smoke: $("$WORK/build/bin/maturin" --version)"
step "installed maturin"

# 2. The wheel. Earlier wheels of this version are removed, so the one left is this run's.
rm -f "$WHEELS"/copydesk-"$VERSION"-*.whl
"$WORK/build/bin/maturin" build --release --locked --out "$WHEELS" || fail "maturin build"
shopt -s nullglob
built=("$WHEELS"/copydesk-"$VERSION"-*.whl)
shopt -u nullglob
[ "${#built[@]}" -eq 1 ] || fail "expected one copydesk-$VERSION wheel in $WHEELS, found ${#built[@]}"
wheel=${built[0]}
step "built the wheel"

# 3. The wheel alone, in a fresh venv: what `pip install copydesk` would do with it.
"$PYTHON" -m venv "$WORK/install" || fail "python3 -m venv"
"$WORK/install/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-index --no-deps "$wheel" || fail "pip install $(basename "$wheel")"
installed=$WORK/install/bin/copydesk
[ -x "$installed" ] || fail "the wheel installed no $installed"
step "installed the wheel in a fresh venv"

# 4. The installed binary.
got=$("$installed" --version) || fail "$installed --version exited $?"
[ "$got" = "copydesk $VERSION" ] || fail "copydesk --version printed '$got', not 'copydesk $VERSION'"
"$installed" check fixtures/clean.md >/dev/null || fail "copydesk check fixtures/clean.md exited $?"
step "ran the installed copydesk"

size=$(wc -c <"$wheel" | tr -d ' ')
echo "wheel-smoke: wheel    ${wheel#"$ROOT"/} ($size bytes, $(((size + 512) / 1024)) KiB)"
echo "wheel-smoke: binary   ${installed#"$ROOT"/} ($(wc -c <"$installed" | tr -d ' ') bytes)"
echo "wheel-smoke: version  $got"
echo "wheel-smoke: ok in $(($(date +%s) - start)) s"
