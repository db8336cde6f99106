#!/usr/bin/env bash
# Builds Tools/portable_kernels_check.c against Sources/CKernels twice — as shipped (the CPU picks
# the AVX2/FMA or the portable version of each kernel) and with -DCK_PORTABLE_ONLY (portable only)
# — and runs both: the portable path is checked even on an AVX2 machine. About 2 s. Needs clang.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build
dir=$(mktemp -d -p "${TMPDIR_EXEC:-$PWD/.build}" kernels.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$dir"' EXIT
status=0
for flags in "" "-DCK_PORTABLE_ONLY"; do
    clang -O3 $flags -ISources/CKernels/include Tools/portable_kernels_check.c Sources/CKernels/ckernels.c -lm -o "$dir/check"
    "$dir/check" || status=1
done
exit $status
