#!/usr/bin/env bash
# Makes the release archive: package.sh REPO VERSION OUT writes OUT/teleform-VERSION-linux-x86_64.tar.gz
# from the CLI that REPO/cli/target holds (run by the dist profile after the cli module is packaged).
#
#   teleform-VERSION/bin/teleform        the command (dist/src/main/bin/teleform)
#   teleform-VERSION/lib/app/            teleform.jar and the jars its manifest names (lib/)
#   teleform-VERSION/lib/teleform.aot    the ahead-of-time cache, trained on this very layout
#   teleform-VERSION/lib/teleform-jvm.sh the JVM options bin/teleform shares with the launcher
#   teleform-VERSION/runtime/            a Java runtime of only the modules below (jlink)
set -euo pipefail
repo=$1 version=$2 out=$3

# shellcheck source=../../../../.mvn/jdk.sh
. "$repo/.mvn/jdk.sh"
# jlink can only make a runtime of its own JDK's version, and the cache is trained with that runtime.
jdk="$(teleform_require_jdk 25)" || {
  echo "teleform: the dist profile makes a Java runtime with jlink and an ahead-of-time cache:" \
       "they need a JDK 25+." >&2
  exit 1
}

# What Teleform uses besides java.base. jdeps below checks the list against the jars' references, so that a new
# dependency cannot leave the runtime short of a module only a rare path loads.
#   java.management, jdk.management  HeapGuard's collection notifications; JGit's window cache statistics
#   java.security.jgss               JGit's Negotiate (Kerberos) authentication over https
#   java.sql                         JGit's ProposedTimestamp
#   java.logging, java.rmi           Apache MINA sshd (SSH state remotes): its channels' log levels, and the
#                                    exceptions of ClientSession's default methods, which the verifier loads
modules=java.base,java.management,jdk.management,java.security.jgss,java.sql,java.logging,java.rmi
# Referenced, and left out on purpose: jackson-databind's optional java.beans support (@ConstructorProperties,
# @Transient), which no Teleform type uses, is all that reaches java.desktop (24 MB of runtime).
left_out=java.desktop

cli="$repo/cli/target"
stage="$out/teleform-$version"
archive="$out/teleform-$version-linux-x86_64.tar.gz"
rm -rf "$stage" "$archive"
mkdir -p "$stage/bin" "$stage/lib/app/lib"

found="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$(teleform_jdk_version "$jdk")" \
           "$cli/teleform.jar" "$cli"/lib/*.jar)"
for module in ${found//,/ }; do
  case ",$modules,$left_out," in
    *",$module,"*) ;;
    *) echo "teleform: jdeps finds that the jars use $module, which the runtime lacks: add it to the modules" \
            "in $0 (or to left_out, saying why)." >&2
       exit 1 ;;
  esac
done

# Uncompressed in the image (zip-0): the archive's gzip compresses it better than jlink's zip would
# (23 MB against 28 MB for the runtime), and the JVM does not inflate each class it loads.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress zip-0 \
  --output "$stage/runtime"

# -p keeps the jars' times: the cache records them and is not used with a jar of another time.
cp -p "$cli/teleform.jar" "$stage/lib/app/"
cp -p "$cli"/lib/*.jar "$stage/lib/app/lib/"
cp -p "$repo/cli/src/main/sh/teleform-jvm.sh" "$stage/lib/"
cp -p "$repo/dist/src/main/bin/teleform" "$stage/bin/"
chmod 755 "$stage/bin/teleform"

# shellcheck source=../../../../cli/src/main/sh/teleform-jvm.sh
. "$repo/cli/src/main/sh/teleform-jvm.sh"
teleform_train_aot "$stage/runtime/bin/java" "$stage/lib/app/teleform.jar" "$stage/lib/teleform.aot" \
    "$out/aot-training.log" || {
  tail -n 40 "$out/aot-training.log" >&2
  echo "teleform: the training run of the ahead-of-time cache failed (its output: $out/aot-training.log)." >&2
  exit 1
}

tar --sort=name --owner=0 --group=0 --numeric-owner -C "$out" -cf - "teleform-$version" | gzip -9 > "$archive"
echo "teleform: wrote $archive ($(du -h "$archive" | cut -f1))"
