#!/usr/bin/env bash
# Regenerates the audio decoding fixtures in this folder with real tools (sox, ffmpeg, flac,
# espeak-ng), and for each one a reference decode made independently by ffmpeg:
#   <fixture>.f32   interleaved little-endian float32 samples (ffmpeg -f f32le)
#   manifest.tsv    fixture, sample rate, channels (both from ffprobe), tolerance for the comparison
# WAV/FLAC are decoded in Java; MP3, Ogg Vorbis, Opus and M4A/AAC through FFmpeg (their references
# come from the ffmpeg 8.0.1 CLI in the bytedeco jar, see below; needs unzip and ~/.m2 populated).
# broken_* files have no reference: they must fail. Every fixture is at most a second long so the
# folder stays small. Run from anywhere:
#   bash kernels/src/test/resources/audio-io/make_fixtures.sh
set -euo pipefail
export SOX_OPTS="-V1"  # sox: report errors only
cd "$(dirname "$0")"
rm -f -- *.wav *.flac *.mp3 *.ogg *.opus *.m4a *.f32 manifest.tsv
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
# Source signals are float WAVs in $tmp, written to a file so their headers are complete.
# A sweep plus noise, with a silent tail (gives FLAC constant subframes): synth rate channels seconds
synth() {
  local out="$tmp/src_$1_$2_$3.wav"
  sox -R -n -r "$1" -c "$2" -e floating-point -b 32 "$out" synth "$3" sine 200-3000 whitenoise \
    remix -m 1v0.6,2v0.3 gain -n -1 pad 0 0.03
  echo "$out"
}
# A different tone per channel, so channel order is checked: synth_n rate channels seconds
synth_n() {
  local out="$tmp/tones_$1_$2_$3.wav" gens=() i
  for ((i = 0; i < $2; i++)); do gens+=(sine $((300 + 170 * i))); done
  sox -R -n -r "$1" -c "$2" -e floating-point -b 32 "$out" synth "$3" "${gens[@]}" gain -n -2
  echo "$out"
}

# --- WAV, written by sox ---
sox -R "$(synth 8000 1 0.3)" -e unsigned-integer -b 8 pcm_u8_mono_8000.wav
sox -R "$(synth 44100 2 0.12)" -e signed-integer -b 16 pcm_s16_stereo_44100.wav
sox -R "$(synth 48000 1 0.15)" -e signed-integer -b 24 pcm_s24_mono_48000_sox.wav
sox -R "$(synth 22050 2 0.2)" -e signed-integer -b 32 pcm_s32_stereo_22050.wav
sox -R "$(synth 22050 1 0.3)" -e floating-point -b 32 float32_mono_22050.wav
sox -R "$(synth_n 44100 3 0.1)" -e signed-integer -b 24 pcm_s24_3ch_44100_extensible.wav
# sox writing to a pipe cannot seek back: the data chunk keeps its 0x7ffff000 placeholder size
sox -R "$(synth 16000 1 0.2)" -e signed-integer -b 16 -t wav - 2>/dev/null > pcm_s16_mono_16000_sox_pipe.wav

# --- WAV, written by ffmpeg (adds a LIST chunk; > 16 bits or > 2 channels -> WAVE_FORMAT_EXTENSIBLE) ---
ff -i "$(synth 48000 2 0.08)" -c:a pcm_f64le float64_stereo_48000.wav
ff -i "$(synth 44100 1 0.15)" -c:a pcm_f32le float32_mono_44100_ffmpeg.wav
ff -i "$(synth_n 48000 6 0.05)" -c:a pcm_s16le pcm_s16_6ch_48000.wav
ff -i "$(synth 48000 1 0.15)" -c:a pcm_s24le pcm_s24_mono_48000_ffmpeg.wav
ff -i "$(synth 8000 1 0.3)" -c:a pcm_mulaw mulaw_mono_8000.wav
ff -i "$(synth 8000 1 0.3)" -c:a pcm_alaw alaw_mono_8000.wav
ff -i "$(synth 22050 2 0.2)" -c:a pcm_s16le -rf64 always rf64_s16_stereo_22050.wav
# ffmpeg writing to a pipe leaves 0xffffffff in the RIFF and data sizes
ff -i "$(synth 16000 1 0.2)" -c:a pcm_s16le -f wav - > pcm_s16_mono_16000_ffmpeg_pipe.wav

# --- FLAC ---
# sox makes integer PCM, the flac tool encodes it (its warnings about sox's fact chunk are muted):
# flac_from bits level out.flac source.wav
flac_from() {
  local encoding=signed-integer
  [[ $1 == 8 ]] && encoding=unsigned-integer # 8-bit WAV PCM is unsigned; FLAC stores it signed
  sox -R "$4" -e "$encoding" -b "$1" "$tmp/in.wav"
  flac -s "$2" -f -o "$3" "$tmp/in.wav" 2>/dev/null
}
flac_from 16 -8 flac_s16_stereo_44100.flac "$(synth 44100 2 0.12)"
flac_from 16 -0 flac_s16_stereo_22050_fixed.flac "$(synth 22050 2 0.2)" # fixed predictors only
flac_from 24 -5 flac_s24_mono_48000.flac "$(synth 48000 1 0.15)"
flac_from 8 -5 flac_s8_mono_8000.flac "$(synth 8000 1 0.3)"
flac_from 32 -5 flac_s32_mono_16000.flac "$(synth 16000 1 0.2)"
# 16-bit samples in a 24-bit FLAC: the encoder marks 8 "wasted" low bits in each subframe
sox -R "$(synth 22050 1 0.2)" -e signed-integer -b 16 "$tmp/w16.wav"
flac_from 24 -5 flac_s24_mono_22050_wasted_bits.flac "$tmp/w16.wav"
# ffmpeg's own FLAC encoder: LPC orders up to 32 at level 12, and 6 channels
ff -i "$(synth 44100 2 0.12)" -c:a flac -sample_fmt s16 -compression_level 12 flac_s16_stereo_44100_ffmpeg.flac
ff -i "$(synth_n 48000 6 0.05)" -c:a flac -sample_fmt s32 -bits_per_raw_sample 24 flac_s24_6ch_48000_ffmpeg.flac

# --- lossy formats, decoded by FFmpeg (FfmpegDecoder); each <= 1 s ---
# Speech from espeak-ng (a mono 22050 Hz WAV) under a quiet sweep, so the codecs see a real signal:
# speech rate channels seconds
speech() {
  local out="$tmp/speech_$1_$2_$3.wav"
  [[ -f $tmp/espeak.wav ]] || espeak-ng -w "$tmp/espeak.wav" "Cloned voices, one sample at a time."
  sox -R "$tmp/espeak.wav" -r "$1" -c "$2" -e floating-point -b 32 "$tmp/sp.wav" trim 0.1 "$3" rate -v "$1"
  sox -R -n -r "$1" -c "$2" -e floating-point -b 32 "$tmp/sw.wav" synth "$3" sine 150-2500 sine 220-4000 gain -24
  sox -R -m "$tmp/sp.wav" "$tmp/sw.wav" "$out" gain -n -1
  echo "$out"
}
# Debian's ffmpeg (5.1) encodes; -map_metadata -1 and -fflags +bitexact keep the files reproducible
enc() { ff -i "$1" -map_metadata -1 -fflags +bitexact -flags:a +bitexact "${@:2}"; }
enc "$(speech 44100 1 0.9)" -c:a libmp3lame -b:a 64k -id3v2_version 0 mp3_mono_44100.mp3 # starts with frame sync
enc "$(speech 48000 2 0.8)" -c:a libmp3lame -b:a 128k mp3_stereo_48000.mp3 # behind an ID3v2 tag
enc "$(speech 44100 1 0.9)" -c:a libvorbis -q:a 3 vorbis_mono_44100.ogg
enc "$(speech 48000 2 0.8)" -c:a libvorbis -q:a 5 vorbis_stereo_48000.ogg
enc "$(speech 48000 1 0.9)" -c:a libopus -b:a 32k opus_mono_48000.opus
enc "$(speech 44100 2 0.8)" -c:a libopus -b:a 64k opus_stereo_48000.opus # Opus always decodes at 48 kHz
enc "$(speech 44100 1 0.9)" -c:a aac -b:a 64k aac_mono_44100.m4a
enc "$(speech 48000 2 0.8)" -c:a aac -b:a 128k -movflags +faststart aac_stereo_48000.m4a
# broken files: the first 40 % of an MP3, and an Ogg Vorbis whose setup header is overwritten
head -c "$(( $(stat -c %s mp3_stereo_48000.mp3) * 2 / 5 ))" mp3_stereo_48000.mp3 > broken_mp3_truncated.mp3
cp vorbis_mono_44100.ogg broken_ogg_corrupt.ogg
printf 'CORRUPTCORRUPTCORRUPTCORRUPTCORRUPT' | dd of=broken_ogg_corrupt.ogg bs=1 seek=180 conv=notrunc status=none

# --- references, decoded independently by ffmpeg ---
for f in *.wav *.flac; do
  if [[ $f == flac_s32* ]]; then
    # ffmpeg 5 cannot decode 32-bit FLAC: decode with libFLAC (flac -d) to raw int32, then convert
    flac -s -d -f --force-raw-format --endian=little --sign=signed -o "$tmp/s32.raw" "$f"
    ff -f s32le -ar "$(metaflac --show-sample-rate "$f")" -ac "$(metaflac --show-channels "$f")" \
      -i "$tmp/s32.raw" -f f32le -c:a pcm_f32le "$f.f32"
  else
    ff -i "$f" -f f32le -c:a pcm_f32le "$f.f32"
  fi
  read -r rate channels < <(ffprobe -v error -select_streams a:0 \
    -show_entries stream=sample_rate,channels -of csv=p=0 "$f" | tr ',' ' ')
  case "$f" in
    float*) tol=0 ;;       # float data passes through unchanged (float64 rounded to float32)
    *) tol=0.000001 ;;
  esac
  printf '%s\t%s\t%s\t%s\n' "$f" "$rate" "$channels" "$tol" >> manifest.tsv
done
# Lossy decoders change between FFmpeg releases (Debian has 5.1), so these references come from the
# ffmpeg 8.0.1 CLI inside the bytedeco natives jar: the very libraries FfmpegDecoder calls.
ffmpeg_jar=${FFMPEG_JAR:-$HOME/.m2/repository/org/bytedeco/ffmpeg/8.0.1-1.5.13/ffmpeg-8.0.1-1.5.13-linux-x86_64.jar}
unzip -q -o "$ffmpeg_jar" 'org/bytedeco/ffmpeg/linux-x86_64/*' -d "$tmp/ff8"
ff8dir="$tmp/ff8/org/bytedeco/ffmpeg/linux-x86_64"
chmod +x "$ff8dir/ffmpeg" "$ff8dir/ffprobe"
ff8() { LD_LIBRARY_PATH="$ff8dir" "$ff8dir/ffmpeg" -nostdin -hide_banner -loglevel error -y "$@"; }
for f in mp3_* vorbis_* opus_* aac_*; do
  [[ $f == *.f32 ]] && continue
  ff8 -i "$f" -f f32le -c:a pcm_f32le "$f.f32"
  read -r rate channels < <(LD_LIBRARY_PATH="$ff8dir" "$ff8dir/ffprobe" -v error -select_streams a:0 \
    -show_entries stream=sample_rate,channels -of csv=p=0 "$f" | tr ',' ' ')
  tol=0 # same libraries, same float output: FfmpegDecoderTest measured no difference at all
  printf '%s\t%s\t%s\t%s\n' "$f" "$rate" "$channels" "$tol" >> manifest.tsv
done
ls -l
