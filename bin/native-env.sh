# Sourced by bin/voicegen, bin/bench-common.sh and run-configs/flink-cluster/start.sh; not a command.
# ONNX Runtime's native memory (the model's weights, their prepacked copies, the KV cache) on
# transparent huge pages: glibc's malloc asks for them (madvise) with glibc.malloc.hugetlb=1, which
# matters where the kernel's THP mode is "madvise" (Debian's default). On the development VM the XTTS
# model (1.5 GB) loads in 7-10 s instead of 11-13 s, with half the kernel time, and RSS stays within a
# few % (README, "Command line", native memory). A GLIBC_TUNABLES that already names glibc.malloc.hugetlb is kept
# (glibc.malloc.hugetlb=0 turns this off); other tunables in it are kept too.
case ":${GLIBC_TUNABLES:-}:" in
  *:glibc.malloc.hugetlb=*) ;;
  *) export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1" ;;
esac
