#!/usr/bin/env bash
# Builds the seed-semantics test corpus: real speech from espeak-ng, altered with sox.
# Output: clips/*.wav (16-bit PCM). Run from anywhere; needs espeak-ng and sox (Debian packages).
# The clips are committed; rerun only to change the corpus, then rerun make_goldens.py.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p clips
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# sox -R: repeatable dither/noise; -D where no dither is wanted so gains stay exact
SOX="sox -R"

say() { # say VOICE SPEED OUT TEXT
  espeak-ng -v "$1" -s "$2" -w "$3" "$4"
}

T1="The quick brown fox jumps over the lazy dog while the farmer watches from the porch."
T2="Voice cloning needs a clean reference recording with steady loudness and little background noise."
T3="Please speak naturally, as if you were telling a friend about your weekend plans."
T4="Numbers such as twenty three, one hundred and four, and nineteen eighty four are read aloud."
T5="Short clip."
T6="Il fait beau aujourd'hui, et nous allons nous promener au bord de la mer."
T7="Der schnelle braune Fuchs springt ueber den faulen Hund, und alle lachen laut."
T8="A long recording keeps going and going, sentence after sentence, with only the short breaths between them that a reader takes, never a full second of quiet, so that after the silence stripping it is still longer than thirty seconds and has to be cut."

# 1. good (scores 100): mono 22050, ~17 s with ~13 s of speech and two internal pauses over 1 s
#    (strip_silence shortens them)
say en-us 175 "$tmp/a.wav" "$T1"
say en-us 175 "$tmp/b.wav" "$T2"
say en-us 175 "$tmp/c.wav" "$T3"
$SOX -D "$tmp/a.wav" "$tmp/a_p.wav" pad 0 1.3
$SOX -D "$tmp/b.wav" "$tmp/b_p.wav" pad 0 1.8
$SOX -D "$tmp/a_p.wav" "$tmp/b_p.wav" "$tmp/c.wav" "$tmp/pauses.wav"
$SOX -D "$tmp/pauses.wav" clips/pauses_mono22k.wav norm -6

# 2. stereo 44.1 kHz, channels differ (right is quieter and delayed 3 ms), ~3 s
say en-gb+f3 170 "$tmp/s.wav" "$T3"
$SOX -D "$tmp/s.wav" -c 2 "$tmp/s2.wav" remix 1 1v0.7
$SOX -D "$tmp/s2.wav" -r 44100 clips/stereo44k.wav delay 0 0.003 trim 0 3.2 rate -v 44100 norm -3

# 3. 48 kHz mono, ~4 s
say en-gb-scotland 180 "$tmp/m.wav" "$T1"
$SOX -D "$tmp/m.wav" -r 48000 clips/mono48k.wav rate -v 48000 norm -2

# 4. quiet: around -35 dBFS, mono 22050
say en-us+m3 165 "$tmp/q.wav" "$T4"
$SOX -D "$tmp/q.wav" clips/quiet.wav norm -17

# 5. loud, near clipping (rms above -10 dBFS; clipped peaks)
say en+f2 170 "$tmp/l.wav" "$T1"
$SOX -D "$tmp/l.wav" clips/loud.wav norm -0.1 gain 9

# 6. over 30 s of speech (~34 s), mono 16 kHz, no pause reaches 1 s: the 30 s cap applies
say en-us 175 "$tmp/long1.wav" "$T8 $T2 $T4 $T3 $T1"
$SOX -D "$tmp/long1.wav" -r 16000 clips/long16k.wav rate -v 16000 norm -4

# 7. under 6 s (~4.6 s)
say en-gb 175 "$tmp/sh.wav" "$T1"
$SOX -D "$tmp/sh.wav" clips/short.wav norm -5

# 8. 6-10 s (~6.6 s), French voice
say fr 150 "$tmp/fr.wav" "$T6 Merci beaucoup, mes amis, et a bientot."
$SOX -D "$tmp/fr.wav" clips/mid_fr.wav norm -4

# 9. leading 2 s and trailing 1.5 s of low noise (-66 dBFS-ish, not digital silence), 11025 Hz
say de 150 "$tmp/de.wav" "$T7"
$SOX "$tmp/de.wav" "$tmp/de2.wav" pad 2 1.5 norm -3
$SOX -D -n -r 22050 -c 1 -b 16 "$tmp/noise.wav" synth "$(soxi -D "$tmp/de2.wav")" whitenoise vol 0.0005
$SOX -D -m "$tmp/de2.wav" "$tmp/noise.wav" -r 11025 clips/lead_trail11k.wav rate -v 11025

# 10. digital silence, 1.5 s
$SOX -D -n -r 22050 -c 1 -b 16 clips/silence.wav trim 0 1.5

# 11. stereo 22050 with long trailing silence (more than half of it silent)
say en-us+f4 160 "$tmp/t.wav" "$T5"
$SOX -D "$tmp/t.wav" -c 2 clips/stereo22k_mostly_silent.wav remix 1 1v0.5 pad 0.3 2.5 norm -8

ls -l clips
