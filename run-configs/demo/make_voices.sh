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

# Three real voices: LibriSpeech test-other clips (CC BY 4.0; attribution in voices/README.md), from
# the project's shared copy (../shared/data/voices, 16 kHz mono FLAC), cut to 8-10 s with a short
# fade-out and re-encoded so the demo keeps its format and rate variety. sox -R: repeatable output.
real="${VOICEGEN_SHARED:-$(cd ../../.. && pwd)/../shared}/data/voices"
sox -R "$real/ls_1688_1688-142285-0000.flac" ls1688_16k.flac trim 0 10 fade t 0 10 0.2
sox -R "$real/ls_1998_1998-15444-0000.flac" -r 22050 -c 1 -b 16 ls1998_22k.wav trim 0 8 fade t 0 8 0.2
sox -R "$real/ls_3331_3331-159605-0000.flac" -r 44100 -c 2 -b 16 ls3331_44k_stereo.flac trim 0 9 fade t 0 9 0.2
