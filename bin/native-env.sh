# Sourced by bin/voicegen, bin/bench-common.sh, bin/device-check and run-configs/flink-cluster/start.sh; not a command.
# ONNX Runtime's native memory (the model's weights, their prepacked copies, the KV cache) on
# transparent huge pages: glibc's malloc asks for them (madvise) with glibc.malloc.hugetlb=1, which
# matters where the kernel's THP mode is "madvise" (Debian's default). On the development VM the XTTS
# model (1.5 GB) loads in 7-10 s instead of 11-13 s, with half the kernel time, and RSS stays within a
# few % (README, "Command line", native memory).
# And malloc's thresholds fixed where its own adjustment ends up: glibc.malloc.mmap_threshold=33554432
# (blocks up to 32 MiB from malloc's heaps, not each from a fresh mmap) and glibc.malloc.trim_threshold=67108864.
# Loading a model, ONNX Runtime frees the blocks of the graph it read and allocates the initialisers
# and their prepacked copies: from the heaps those blocks are reused, where fresh mmaps are faulted in
# page by page anew. The full-size XTTS model loaded in 2.2-2.8 s instead of 3.3-3.8 s (six pairs, half
# the kernel time), peak RSS ~6 % higher, synthesis as fast (README, same place).
# A GLIBC_TUNABLES that already names one of these keeps its value (glibc.malloc.hugetlb=0 turns huge
# pages off); other tunables in it are kept too.
for voicegen_tunable in glibc.malloc.hugetlb=1 glibc.malloc.mmap_threshold=33554432 glibc.malloc.trim_threshold=67108864; do
  case ":${GLIBC_TUNABLES:-}:" in
    *:"${voicegen_tunable%%=*}"=*) ;;
    *) export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$voicegen_tunable" ;;
  esac
done
unset voicegen_tunable

# VOICEGEN_ORT_LIB_DIR: a folder of ONNX Runtime's native libraries to load instead of those inside the
# onnxruntime jar, e.g. ONNX Runtime's GPU build for the machine's CUDA where onnxruntime_gpu from Maven
# Central (built for CUDA 12) cannot load, such as a CUDA 13 machine: lib/ of ONNX Runtime's release
# archive for that CUDA plus libonnxruntime4j_jni.so from the onnxruntime jar (README, "GPU check").
# Every JVM started from here gets -Donnxruntime.native.path (JAVA_TOOL_OPTIONS reaches the job's own
# child JVMs and run-configs/flink-cluster/start.sh's cluster); a folder without libonnxruntime.so or the JNI library stops here
# with one line (bin/device-check's preflight also checks the CUDA provider and what it links).
if [ -n "${VOICEGEN_ORT_LIB_DIR:-}" ]; then
  case $VOICEGEN_ORT_LIB_DIR in
    *[[:space:]]*) echo "voicegen: VOICEGEN_ORT_LIB_DIR=$VOICEGEN_ORT_LIB_DIR: a folder without spaces, please (it goes into JAVA_TOOL_OPTIONS)" >&2; exit 2 ;;
  esac
  for ort_lib in libonnxruntime.so libonnxruntime4j_jni.so; do
    if [ ! -e "$VOICEGEN_ORT_LIB_DIR/$ort_lib" ]; then
      echo "voicegen: VOICEGEN_ORT_LIB_DIR=$VOICEGEN_ORT_LIB_DIR has no $ort_lib (ONNX Runtime's lib/ folder plus libonnxruntime4j_jni.so from the onnxruntime jar; README, \"GPU check\")" >&2
      exit 2
    fi
  done
  case " ${JAVA_TOOL_OPTIONS:-} " in
    *" -Donnxruntime.native.path="*) ;;
    *) export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Donnxruntime.native.path=$(cd "$VOICEGEN_ORT_LIB_DIR" && pwd)" ;;
  esac
fi
