#!/usr/bin/env bash
# Builds the feature-extraction test clips: real speech from espeak-ng, shaped with sox.
# Each clip is written at 22050 Hz (MFCC, XTTS conditioning mel) and 16000 Hz (Whisper, XTTS
# speaker mel) as 16-bit mono FLAC, so every front end reads its own rate without our resampler.
# The clips are committed; rerun only to change them, then rerun make_goldens.py.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p clips
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# sox -R: repeatable dither and noise
SOX="sox -R"

write_both() { # write_both IN NAME: the clip at both feature rates
  $SOX "$1" -b 16 "clips/$2.22k.flac" rate -v 22050
  $SOX "$1" -b 16 "clips/$2.16k.flac" rate -v 16000
}

# 1. male US English, normalised to -1 dBFS, ~1.9 s
espeak-ng -v en-us -s 180 -w "$tmp/fox.wav" "The quick brown fox jumps."
$SOX "$tmp/fox.wav" "$tmp/fox_n.wav" norm -1
write_both "$tmp/fox_n.wav" fox

# 2. female British English, quiet (-26 dBFS) with a little low-passed noise, ~1.6 s
espeak-ng -v en-gb+f3 -s 190 -w "$tmp/quiet.wav" "Please speak naturally."
$SOX "$tmp/quiet.wav" "$tmp/quiet_t.wav" norm -26
$SOX -n -r 22050 -c 1 "$tmp/noise.wav" synth 1.6 pinknoise vol 0.002
$SOX -m "$tmp/quiet_t.wav" "$tmp/noise.wav" "$tmp/quiet_m.wav"
write_both "$tmp/quiet_m.wav" quiet

# 3. French, bright (treble boost), with a 150 Hz hum, ~1.8 s
espeak-ng -v fr -s 170 -w "$tmp/fr.wav" "Il fait beau aujourd'hui."
$SOX "$tmp/fr.wav" "$tmp/fr_t.wav" treble +6 norm -4
$SOX -n -r 22050 -c 1 "$tmp/hum.wav" synth 1.8 sine 150 vol 0.02
$SOX -m "$tmp/fr_t.wav" "$tmp/hum.wav" "$tmp/fr_m.wav"
write_both "$tmp/fr_m.wav" french

# 4. German, fast, lead-in trimmed so the length is no multiple of any hop, ~1.06 s
espeak-ng -v de -s 220 -w "$tmp/de.wav" "Guten Morgen, Hund."
$SOX "$tmp/de.wav" "$tmp/de_t.wav" trim 0.05 norm -2
write_both "$tmp/de_t.wav" german
