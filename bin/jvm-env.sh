# Sourced by bin/voicegen-java and bin/bench-common.sh; not a command.
# VOICEGEN_JIT_OPTS: HotSpot options every voicegen JVM starts with, before VOICEGEN_JAVA_OPTS (whose
# options come later and so win). By default the C2 compiler's thresholds, three times HotSpot's: C2
# then compiles only code that is truly hot, instead of the thousand or so start-up methods (Beam's
# graph translation, coders, serialisation) it otherwise compiles in a job's first seconds, on a
# core that ONNX Runtime or the job's own start needs. On the 2-core VM a 64-row full-size XTTS job
# spent ~1 s less outside its model load and batches, and its batches ran ~1 s faster (README,
# "Command line", JIT). VOICEGEN_JIT_OPTS= (empty) keeps HotSpot's own thresholds.
: "${VOICEGEN_JIT_OPTS=-XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=120000}"
export VOICEGEN_JIT_OPTS
