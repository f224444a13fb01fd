# How Teleform's JVM is started: by the launcher (./teleform, from a checkout) and by bin/teleform of the
# release archive (which ships this file as lib/teleform-jvm.sh), and how the ahead-of-time cache they start
# from is trained. Bash; sourced; defines functions and one array only.

# A throughput GC suits a short-lived command on few cores.
# The JIT's first tier only: a command's hot code runs for seconds, too short for the optimizing compiler
# to repay the compile time it takes from the same two or four cores (a 10,000-resource plan used 40% less
# CPU and ran a quarter faster with it, and a 50,000-resource one too). TELEFORM_JAVA_OPTS, which comes later,
# can lift it (-XX:TieredStopAtLevel=4).
# Objects that survive one young collection go straight to the old generation: what survives is the stack, state
# and plan, which live as long as the command, and copying them between survivor spaces at every collection was
# a tenth of a 50,000-resource plan.
teleform_java_opts=(-XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:MaxTenuringThreshold=0)

# teleform_train_aot JAVA JAR CACHE [LOG]: makes the ahead-of-time cache CACHE (JDK 25+) of JAVA running JAR, or
# returns 1 and leaves no file; what the training printed goes to LOG (default: nowhere). The cache holds loaded
# classes and method profiles: later commands run about 1.3-1.4 times as fast (with a third less CPU), and the
# JIT compiles a big stack's hot code sooner. It is valid only for this JAVA and JAR and the jars JAR's manifest names, with their times (moved
# together, they may be anywhere: the JVM relocates their paths). The training (dev.teleform.cli.AotTraining, a
# few seconds) applies and plans a small generated fleet on the simulator in a throwaway directory, so that the
# profiles are those of refreshing and diffing live documents, not of a first plan of an empty stack.
teleform_train_aot() {
  local java=$1 jar=$2 aot=$3 log=${4:-/dev/null}
  local tmp="$aot.$$.tmp" training
  training="$(mktemp -d)"
  # Interrupted (Ctrl-C), the training leaves neither its directory nor a cache of half a run (the JVM
  # writes one and exits 0 even then: only the file a completed training leaves says it ran to the end),
  # and nothing else is run.
  trap 'rm -rf "$training"; rm -f "$tmp" "$tmp.config"' EXIT
  trap 'exit 130' INT TERM
  local made=1
  if "$java" "${teleform_java_opts[@]}" -XX:AOTCacheOutput="$tmp" -cp "$jar" dev.teleform.cli.AotTraining \
       "$training" >"$log" 2>&1 && [ -f "$training/training-complete" ]; then
    mv -f "$tmp" "$aot" && made=0
  fi
  rm -rf "$training"
  rm -f "$tmp" "$tmp.config"
  trap - EXIT INT TERM
  return "$made"
}

# teleform_exec JAVA CACHE ARGS...: replaces this shell with JAVA ARGS, with Teleform's JVM options, the
# ahead-of-time cache CACHE when it exists (an empty CACHE: none) unless TELEFORM_AOT=0, then
# TELEFORM_JAVA_OPTS (e.g. -Xmx2g), which come last and so win.
teleform_exec() {
  local java=$1 aot=$2
  shift 2
  local opts=("${teleform_java_opts[@]}")
  # A cache the JVM cannot map only costs start-up time: it must not print errors into the output.
  if [ "${TELEFORM_AOT:-1}" != 0 ] && [ -n "$aot" ] && [ -f "$aot" ]; then
    opts+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
  fi
  # shellcheck disable=SC2206
  [ -n "${TELEFORM_JAVA_OPTS:-}" ] && opts+=(${TELEFORM_JAVA_OPTS})
  exec "$java" "${opts[@]}" "$@"
}
