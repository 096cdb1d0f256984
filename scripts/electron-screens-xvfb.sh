#!/usr/bin/env bash
# The window manager's `_electron` test on two virtual displays: Xvfb with two 1920x1080 heads
# joined by Xinerama (Electron sees two displays side by side), and the test told to expect
# them, so "each screen on its own display" is checked rather than logged. Needs the Electron
# binary (npm install where GitHub is reachable) and Xvfb (Debian: apt-get install xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Xvfb >/dev/null || { echo "Xvfb is not installed (Debian: apt-get install xvfb)"; exit 2; }
display=":${NOC_XVFB_DISPLAY:-97}"
Xvfb "$display" -screen 0 1920x1080x24 -screen 1 1920x1080x24 +xinerama -nolisten tcp &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" NOC_EXPECT_DISPLAYS=2 npx vitest run tests/e2e/electron-screens.test.ts
