#!/usr/bin/env bash
# End-to-end benchmarks of issue 2 (record the output in docs/BENCHMARKS.md):
#   1. import of the full ISO + IEC + JIS Relaton files into a fresh SQLite store (records/s, peak RSS)
#   2. re-import of the same files (idempotent path: everything unchanged)
#   3. checking 10,000 real references, messy spellings included (seconds, peak RSS)
# Usage: bash scripts/bench.sh [--pg URL]   (release build; needs ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/catalog
cargo build --release -q -p normbase
BIN=${CARGO_TARGET_DIR:-target}/release/normbase
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
STORE=(--data "$WORK/data")
if [ "${1:-}" = "--pg" ]; then STORE=(--database-url "$2"); fi

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
    read -r secs kib < "$WORK/time"
    echo "$label: ${secs}s, peak RSS $((kib / 1024)) MiB"
}

FILES=("$DATA/relaton-iso.jsonl.gz" "$DATA/relaton-iec.jsonl.gz" "$DATA/relaton-jis.jsonl.gz")
measure "import ISO+IEC+JIS (fresh store)" "$BIN" "${STORE[@]}" import --format relaton --json "${FILES[@]}"
python3 - "$WORK/out" "$WORK/time" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); secs = float(open(sys.argv[2]).read().split()[0])
print(f"  read {s['read']}, inserted {s['inserted']}, updated {s['updated']}, unchanged {s['unchanged']}, rejected {s['rejected']}: {s['read']/secs:,.0f} records/s")
PY
measure "re-import ISO+IEC+JIS (all unchanged)" "$BIN" "${STORE[@]}" import --format relaton --json "${FILES[@]}"
python3 - "$WORK/out" "$WORK/time" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); secs = float(open(sys.argv[2]).read().split()[0])
print(f"  read {s['read']}, inserted {s['inserted']}, updated {s['updated']}, unchanged {s['unchanged']}: {s['read']/secs:,.0f} records/s")
PY

# 10,000 references: real ISO/IEC/JIS primary ids, a third of them messed up
# (lower case, no year, full-width, extra spaces), plus some unknown ones.
python3 - "$WORK/refs.txt" "${FILES[@]}" <<'PY'
import gzip, json, random, sys
random.seed(42)
ids = []
for f in sys.argv[2:]:
    for i, line in enumerate(gzip.open(f, 'rt')):
        if i % 7: continue
        d = json.loads(line); di = d.get('docid')
        di = di if isinstance(di, list) else [di]
        for x in di:
            if x and x.get('primary'): ids.append(x['id']); break
random.shuffle(ids)
def mess(s):
    r = random.random()
    if r < 0.1: return s.lower()
    if r < 0.2: return s.split(':')[0]
    if r < 0.25: return ''.join(chr(ord(c) + 0xFEE0) if '!' <= c <= '~' else c for c in s)
    if r < 0.3: return s.replace(' ', '  ')
    return s
refs = [mess(s) for s in ids[:9800]] + [f"ISO {90000 + i}:2001" for i in range(200)]
open(sys.argv[1], 'w').write('\n'.join(refs) + '\n')
PY
measure "check 10,000 references" "$BIN" "${STORE[@]}" check --json "$WORK/refs.txt"
python3 - "$WORK/out" <<'PY'
import json, sys, collections
v = json.load(open(sys.argv[1]))
print("  ", len(v), "results:", dict(collections.Counter(r['status'] for r in v)))
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
