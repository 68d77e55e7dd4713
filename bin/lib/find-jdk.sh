# Sourced by bin/aispine and .ci/run: sets JAVA_HOME to a JDK >= 21, or explains how to get one.
# Order: $AISPINE_JAVA_HOME, $JAVA_HOME, the `java` on PATH, then the usual install folders.

aispine_jdk_major() { # prints the feature version of the JDK at $1, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v=${v#1.}          # 1.8 -> 8
  echo "${v%%[.+-]*}" # 25.0.1 -> 25
}

aispine_find_jdk() {
  local min=21 candidates=() c m best="" best_major=0
  [ -n "${AISPINE_JAVA_HOME:-}" ] && candidates+=("$AISPINE_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)" 2>/dev/null) && candidates+=("${c%/bin/java}")
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  # The first explicit choice that is new enough wins; otherwise the newest one found.
  for c in "${candidates[@]}"; do
    m=$(aispine_jdk_major "$c")
    [ -n "$m" ] || continue
    if [ "$m" -ge "$min" ] && { [ "$c" = "${AISPINE_JAVA_HOME:-}" ] || [ "$c" = "${JAVA_HOME:-}" ]; }; then
      best=$c; best_major=$m; break
    fi
    if [ "$m" -gt "$best_major" ]; then best=$c; best_major=$m; fi
  done
  if [ -z "$best" ] || [ "$best_major" -lt "$min" ]; then
    echo "aispine: needs a JDK $min or newer, found ${best_major:-none}${best:+ at $best}." >&2
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25) or set AISPINE_JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
