# Finds a JDK for building and running Teleform. POSIX sh; sourced by ./mvnw and ./teleform.
# Order: JAVA_HOME, the javac on PATH, then the usual install directories (newest first).

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
teleform_jdk_version() {
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    tf_v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  else
    tf_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  tf_v=${tf_v#1.}
  printf '%s\n' "${tf_v%%[!0-9]*}"
}

# Prints the home of a JDK whose version is at least $1; on failure prints one line saying what to
# install to stderr and returns 1.
teleform_require_jdk() {
  tf_min=$1
  tf_seen="no JDK"
  tf_seen_v=0
  tf_path_jdk=""
  tf_javac=$(command -v javac 2>/dev/null || true)
  if [ -n "$tf_javac" ]; then
    tf_path_jdk=$(dirname "$(dirname "$(readlink -f "$tf_javac" 2>/dev/null || printf %s "$tf_javac")")")
  fi
  for tf_home in "${JAVA_HOME-}" "$tf_path_jdk"; do
    [ -n "$tf_home" ] || continue
    tf_v=$(teleform_jdk_version "$tf_home")
    [ -n "$tf_v" ] || continue
    if [ "$tf_v" -ge "$tf_min" ]; then printf '%s\n' "$tf_home"; return 0; fi
    if [ "$tf_v" -gt "$tf_seen_v" ]; then tf_seen="JDK $tf_v at $tf_home"; tf_seen_v=$tf_v; fi
  done
  # Glob expansion may be off (mvnw runs under set -f): switch it on just for the scan.
  case $- in *f*) tf_noglob=1; set +f ;; *) tf_noglob=0 ;; esac
  tf_best=""; tf_best_v=0
  for tf_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                 "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$tf_home" ] || continue
    tf_v=$(teleform_jdk_version "$tf_home")
    [ -n "$tf_v" ] || continue
    if [ "$tf_v" -gt "$tf_best_v" ]; then tf_best=$tf_home; tf_best_v=$tf_v; fi
  done
  [ "$tf_noglob" = 1 ] && set -f
  if [ "$tf_best_v" -ge "$tf_min" ]; then printf '%s\n' "$tf_best"; return 0; fi
  [ "$tf_best_v" -gt "$tf_seen_v" ] && tf_seen="JDK $tf_best_v at $tf_best"
  echo "teleform: needs a JDK $tf_min or newer, newest found: $tf_seen; install one (e.g. Temurin $tf_min+, or 'apt-get install openjdk-$tf_min-jdk') and set JAVA_HOME to it." >&2
  return 1
}
