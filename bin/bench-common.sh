# Sourced by bin/bench-*: finds (or builds) the shaded benchmarks jar. Not a command.
# VOICEGEN_BUILD_DIR: the module output folder (default target, i.e. benchmarks/target/benchmarks.jar);
# REBUILD=1 rebuilds even when the jar exists; MVN_ARGS: extra Maven arguments (e.g. -o offline).
bench_jar() {
  local dir=${VOICEGEN_BUILD_DIR:-target}
  local jar="$root/benchmarks/$dir/benchmarks.jar"
  if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
    echo "building $jar (mvn -pl benchmarks -am package) ..." >&2
    (cd "$root" && mvn -B -q ${MVN_ARGS:-} -Dbuild.dir.name="$dir" -pl benchmarks -am package -DskipTests) >&2 \
      || { echo "the benchmarks build failed" >&2; exit 2; }
  fi
  echo "$jar"
}
