#!/usr/bin/env bash
# Builds the measurement test corpus: real speech from espeak-ng, altered with sox.
# Output: clips/*.flac (16-bit FLAC, a few 24-bit or WAV). Run from anywhere; needs espeak-ng,
# sox and flac support in sox (Debian packages). The clips are committed; rerun only to change
# the corpus, then rerun make_goldens.sh.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf clips
mkdir -p clips
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# -R: repeatable noise and dither; -D where no dither is wanted so gains and clipping stay exact
SOX="sox -R"

say() { # say VOICE SPEED OUT TEXT, 6 dB down so later resampling cannot clip
  espeak-ng -v "$1" -s "$2" -w "$tmp/raw.wav" "$4"
  $SOX -D "$tmp/raw.wav" "$3" gain -6
}

rms_db() { # RMS level of a file in dBFS, from sox stats
  sox "$1" -n stats 2>&1 | awk '/^RMS lev dB/ {print $4}'
}

# mix_noise SPEECH NOISE_TYPE SNR_DB OUT: adds noise whose RMS is SNR_DB below the speech RMS
mix_noise() {
  local rate channels len speech_db noise_db
  rate=$(soxi -r "$1"); channels=$(soxi -c "$1"); len=$(soxi -D "$1")
  $SOX -D -n -r "$rate" -c "$channels" -b 16 "$tmp/noise_raw.wav" synth "$len" "$2" vol 0.3
  speech_db=$(rms_db "$1"); noise_db=$(rms_db "$tmp/noise_raw.wav")
  $SOX -D "$tmp/noise_raw.wav" "$tmp/noise.wav" gain "$(echo "$speech_db - $3 - $noise_db" | bc -l)"
  $SOX -D -m "$1" "$tmp/noise.wav" "$4"
}

T1="The quick brown fox jumps over the lazy dog."
T2="Voice cloning needs a clean reference recording with steady loudness."
T3="Please speak naturally, as if you were telling a friend about your plans."
T4="Numbers such as twenty three and one hundred and four are read aloud."
T5="Il fait beau aujourd'hui, et nous allons au bord de la mer."
T6="Der schnelle braune Fuchs springt ueber den faulen Hund."
T7="El rapido zorro marron salta sobre el perro perezoso."
T8="Hello there."

say en-us 175 "$tmp/us.wav" "$T1"
say en-gb+f3 170 "$tmp/gb.wav" "$T2"
say en-gb-scotland 180 "$tmp/scot.wav" "$T3"
say en-us+m3 165 "$tmp/m3.wav" "$T4"
say fr 160 "$tmp/fr.wav" "$T5"
say de 160 "$tmp/de.wav" "$T6"
say es+f2 170 "$tmp/es.wav" "$T7"
say en-us+f4 170 "$tmp/short.wav" "$T8"

# --- sample rates and channel layouts -------------------------------------------------------
$SOX -D "$tmp/us.wav" -r 44100 clips/us_mono_44k.flac rate -v 44100 norm -3
$SOX -D "$tmp/scot.wav" clips/scot_mono_22k.flac norm -6
$SOX -D "$tmp/fr.wav" -r 16000 clips/fr_mono_16k.flac rate -v 16000 norm -4
$SOX -D "$tmp/de.wav" -r 8000 -e signed -b 16 clips/de_mono_8k.wav rate -v 8000 norm -2
# stereo 48 kHz, the right channel quieter and 3 ms late
$SOX -D "$tmp/gb.wav" -c 2 "$tmp/gb2.wav" remix 1 1v0.7
$SOX -D "$tmp/gb2.wav" -r 48000 clips/gb_stereo_48k.flac delay 0 0.003 rate -v 48000 norm -3
# stereo 96 kHz, two different voices
$SOX -D -M "$tmp/es.wav" "$tmp/m3.wav" "$tmp/esm3.wav"
$SOX -D "$tmp/esm3.wav" -r 96000 clips/es_m3_stereo_96k.flac trim 0 2.5 rate -v 96000 norm -5
# 24-bit mono 48 kHz
$SOX -D "$tmp/m3.wav" -r 48000 -b 24 clips/m3_mono_48k_24bit.flac trim 0 3 rate -v 48000 norm -8
# 5.1 at 48 kHz (FLAC order L R C LFE Ls Rs): a loud 60 Hz tone on the LFE must not count
$SOX -D -n -r 22050 -c 1 "$tmp/lfe.wav" synth 2.5 sine 60 vol 0.5
$SOX -D "$tmp/us.wav" "$tmp/us3.wav" trim 0 2.5
$SOX -D "$tmp/gb.wav" "$tmp/gb3.wav" trim 0 2.5
$SOX -D "$tmp/fr.wav" "$tmp/fr3.wav" trim 0 2.5
$SOX -D -M "$tmp/us3.wav" "$tmp/us3.wav" "$tmp/gb3.wav" "$tmp/lfe.wav" "$tmp/fr3.wav" "$tmp/us3.wav" \
  "$tmp/six.wav" remix 1 2v0.8 3 4 5v0.6 6v0.4
$SOX -D "$tmp/six.wav" -r 48000 clips/surround_6ch_48k.flac trim 0 2.5 rate -v 48000 norm -6
# quad at 22.05 kHz (FLAC order L R Ls Rs): surrounds weigh 1.41
$SOX -D -M "$tmp/gb3.wav" "$tmp/fr3.wav" "$tmp/us3.wav" "$tmp/gb3.wav" "$tmp/quad.wav" \
  remix 1v0.3 2v0.3 3 4v0.8
$SOX -D "$tmp/quad.wav" clips/quad_4ch_22k.flac trim 0 2.5 norm -4

# --- levels --------------------------------------------------------------------------------
$SOX -D "$tmp/gb.wav" -r 44100 clips/gb_quiet_44k.flac rate -v 44100 norm -30
$SOX -D "$tmp/de.wav" clips/de_very_quiet_22k.flac norm -48
# loud without clipping: compressed, then normalised near full scale
$SOX -D "$tmp/scot.wav" -r 48000 clips/scot_loud_48k.flac rate -v 48000 \
  compand 0.005,0.1 -60,-60,-30,-12,0,-6 -4 norm -0.3
# clipped: +20 dB beyond full scale, then clipped by the 16-bit output
$SOX -D "$tmp/us.wav" -r 44100 clips/us_clipped_44k.flac rate -v 44100 norm 0 gain 20 2>/dev/null
$SOX -D "$tmp/fr.wav" -r 8000 -e signed -b 16 clips/fr_clipped_8k.wav rate -v 8000 norm 0 gain 12 2>/dev/null
# clipped, then attenuated: the clip's extreme is below full scale
$SOX -D "$tmp/es.wav" "$tmp/es_clip.wav" norm 0 gain 15 2>/dev/null
$SOX -D "$tmp/es_clip.wav" clips/es_clipped_attenuated_22k.flac gain -9

# --- noise ---------------------------------------------------------------------------------
$SOX -D "$tmp/m3.wav" -r 16000 "$tmp/m3_16k.wav" rate -v 16000 norm -6
mix_noise "$tmp/m3_16k.wav" pinknoise 30 clips/m3_pink30_16k.flac
mix_noise "$tmp/m3_16k.wav" pinknoise 15 clips/m3_pink15_16k.flac
$SOX -D "$tmp/us.wav" -r 44100 "$tmp/us_44k.wav" rate -v 44100 norm -6
mix_noise "$tmp/us_44k.wav" pinknoise 5 clips/us_pink5_44k.flac
mix_noise "$tmp/us_44k.wav" whitenoise 20 clips/us_white20_44k.flac
$SOX -D "$tmp/gb2.wav" "$tmp/gb2n.wav" norm -6
mix_noise "$tmp/gb2n.wav" pinknoise 10 clips/gb_pink10_stereo_22k.flac

# --- bandwidth -----------------------------------------------------------------------------
# telephone: down to 8 kHz and back up to 44.1 kHz
$SOX -D "$tmp/scot.wav" -r 44100 clips/scot_telephone_44k.flac rate -v 8000 rate -v 44100 norm -3
# steep 4 kHz low-pass, then upsampled to 48 kHz
$SOX -D "$tmp/gb.wav" -r 48000 clips/gb_lowpass4k_48k.flac sinc -4000 rate -v 48000 norm -3

# --- DC offset -----------------------------------------------------------------------------
$SOX -D "$tmp/de.wav" clips/de_dc_plus_22k.flac norm -6 dcshift 0.05
$SOX -D "$tmp/fr.wav" -c 2 -r 16000 clips/fr_dc_minus_stereo_16k.flac remix 1 1v0.9 rate -v 16000 norm -6 dcshift -0.03

# --- pauses, silence, short ----------------------------------------------------------------
# speech, 1.5 s of digital silence, speech: the VAD must see the gap
$SOX -D -n -r 22050 -c 1 -b 16 "$tmp/gap.wav" trim 0 1.5
$SOX -D "$tmp/us.wav" "$tmp/gap.wav" "$tmp/es.wav" -r 16000 clips/us_gap_es_16k.flac rate -v 16000 norm -4
$SOX -D -n -r 22050 -c 1 -b 16 clips/silence_22k.flac trim 0 2
# shorter than one 400 ms block: no integrated loudness
$SOX -D "$tmp/short.wav" clips/short_0.3s_22k.flac trim 0.05 0.3 norm -6

ls -l clips
cat clips/* | wc -c
