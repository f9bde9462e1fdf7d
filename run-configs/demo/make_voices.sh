#!/usr/bin/env bash
# Builds the demo's reference voices with espeak-ng and sox (Debian packages).
# They are stock synthetic voices, altered so the analysis has something to say about each.
set -euo pipefail
cd "$(dirname "$0")/voices"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

espeak-ng -v en-us+m3 -s 150 -w "$tmp/a.wav" \
  "Good morning. This is the first reference voice of the voicegen demo. It speaks clearly, at a steady pace, for about ten seconds, which is what a cloning model likes to hear."
sox "$tmp/a.wav" -r 22050 -c 1 -b 16 alice.wav norm -12

espeak-ng -v en-gb-x-rp+f2 -s 140 -w "$tmp/b.wav" \
  "Hello there. I am the second voice. My recording is in stereo, at forty four point one kilohertz, and a little quiet, like many phone recordings are."
sox "$tmp/b.wav" -r 44100 -c 2 -b 16 bob_stereo.flac gain -18 pad 0.8 0.8

espeak-ng -v de+m5 -s 160 -w "$tmp/c.wav" \
  "Guten Tag. Ich bin die dritte Stimme. Meine Aufnahme ist kurz."
sox "$tmp/c.wav" -r 48000 -c 1 -b 16 carla_48k.wav norm -3
