# Sourced by bin/bench-*: finds (or builds) the shaded benchmarks jar. Not a command.
# VOICEGEN_BUILD_DIR: the module output folder (default target, i.e. benchmarks/target/benchmarks.jar);
# the jar is rebuilt when it is missing or older than a source or pom of the modules it holds (a
# benchmark of stale code measures the wrong thing); REBUILD=1 rebuilds it anyway; MVN_ARGS: extra
# Maven arguments (e.g. -o offline). VOICEGEN_PREBUILT=1: use the jar as it is, never Maven (a
# machine without the Maven repository; bin/device-check --prebuilt), and stop when it is missing.
# The benchmarks run with the native-memory settings users get from bin/voicegen (bin/native-env.sh).
. "$root/bin/native-env.sh"
bench_jar() {
  local dir=${VOICEGEN_BUILD_DIR:-target}
  local jar="$root/benchmarks/$dir/benchmarks.jar"
  local newer=""
  if [[ ${VOICEGEN_PREBUILT:-0} == 1 ]]; then
    [[ -f $jar ]] || { echo "VOICEGEN_PREBUILT=1 but $jar is missing" >&2; exit 2; }
    echo "$jar"
    return
  fi
  if [[ -f $jar ]]; then
    newer=$(find "$root/pom.xml" "$root"/{schemas,kernels,transforms,benchmarks}/pom.xml \
      "$root"/{schemas,kernels,transforms}/src/main "$root/benchmarks/src" \
      -newer "$jar" -type f -print -quit 2>/dev/null || true)
  fi
  if [[ ! -f $jar || -n $newer || ${REBUILD:-0} == 1 ]]; then
    [[ -n $newer ]] && echo "$jar is older than $newer" >&2
    echo "building $jar (mvn -pl benchmarks -am package) ..." >&2
    (cd "$root" && mvn -B -q ${MVN_ARGS:-} -Dbuild.dir.name="$dir" -pl benchmarks -am package -DskipTests) >&2 \
      || { echo "the benchmarks build failed" >&2; exit 2; }
  fi
  echo "$jar"
}
