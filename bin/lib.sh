# Shared by the scripts in bin/: find a JDK 25 and the project root. Source it; it defines functions only.

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# java_major DIR -> prints the feature version of the JDK in DIR (e.g. 25), or nothing
java_major() {
  local v
  v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -1)
  echo "$v"
}

# Sets JAVA_HOME to a JDK 25+: $JAVA_HOME if it is one, else a *25* JDK under /usr/lib/jvm.
find_jdk25() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    export JAVA_HOME; return 0
  fi
  local d
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*-2[6-9]-* ; do
    if [ -x "$d/bin/java" ] && [ "$(java_major "$d")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$d"; return 0
    fi
  done
  cat >&2 <<'MSG'
error: no JDK 25 found (JAVA_HOME is unset or older, and /usr/lib/jvm has no *25* JDK).
corpusforge needs Temurin 25.0.3 or newer. Install it, e.g. on Debian/Ubuntu:
  apt-get install -y wget gpg && wget -qO- https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor > /usr/share/keyrings/adoptium.gpg
  echo "deb [signed-by=/usr/share/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb $(. /etc/os-release; echo $VERSION_CODENAME) main" > /etc/apt/sources.list.d/adoptium.list
  apt-get update && apt-get install -y temurin-25-jdk
or point JAVA_HOME at any JDK 25+.
MSG
  return 1
}
