#!/usr/bin/env bash
# Renders every Mermaid block of the given Markdown files (default: architecture.md dfd.md) to SVG
# with mermaid-cli in Debian's chromium; exits non-zero on the first block that does not render.
#   tools/mermaid/render-docs.sh [OUT_DIR] [FILE.md ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/mermaid}"; shift || true
files=("$@"); [ ${#files[@]} -gt 0 ] || files=("$root/architecture.md" "$root/dfd.md")

if [ ! -x "$here/node_modules/.bin/mmdc" ]; then
  # the browser is Debian's chromium: puppeteer must not download its own
  (cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$out"
count=0
for md in "${files[@]}"; do
  name="$(basename "$md" .md)"
  # split the fenced mermaid blocks into numbered files
  awk -v dir="$out" -v name="$name" '
    /^```mermaid[[:space:]]*$/ { n++; f = sprintf("%s/%s-%02d.mmd", dir, name, n); inblock = 1; next }
    /^```[[:space:]]*$/ && inblock { inblock = 0; close(f); next }
    inblock { print > f }
  ' "$md"
done
for mmd in "$out"/*.mmd; do
  [ -e "$mmd" ] || continue
  "$here/node_modules/.bin/mmdc" --quiet -p "$here/puppeteer-config.json" -i "$mmd" -o "${mmd%.mmd}.svg"
  count=$((count + 1))
done
echo "rendered $count Mermaid block(s) into $out"
