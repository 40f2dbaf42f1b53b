#!/usr/bin/env bash
# Trains the class-data-sharing archive that bin/wallet-backup starts every command with (docs/performance.md: about
# a second less of class loading per command). Run by `mvn package` once the jar and target/lib are in place: the
# demo runs once on a scratch embedded store with -XX:ArchiveClassesAtExit, and its archive becomes
# target/wallet-backup.jsa. The archive fits only this jar at this path: the launcher's JVM ignores it, in silence,
# once the jar is rebuilt or the installation moved, and the next `mvn package` trains it again.
# Usage: train.sh INSTALLATION
set -euo pipefail
home="$1"
archive="$home/target/wallet-backup.jsa"
scratch="$home/target/class-archive-training"
rm -rf "$archive" "$archive.tmp" "$archive.size" "$archive.size.tmp" "$scratch"
mkdir -p "$scratch"
# A clean environment: the demo runs on the embedded default whatever store, password or endpoints the builder's
# shell names (the archive holds classes, never data).
if ! env -i PATH="$PATH" HOME="${HOME:-$scratch}" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} WALLET_PROGRESS=off \
    JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive.tmp -Xlog:cds=off,cds+dynamic=off" \
    "$home/bin/wallet-backup" --data-dir "$scratch/data" demo > "$scratch/demo.log" 2>&1; then
  echo "class archive: its training run (bin/wallet-backup demo) failed; the end of its output ($scratch/demo.log):" >&2
  tail -n 20 "$scratch/demo.log" >&2
  exit 1
fi
if [ ! -s "$archive.tmp" ]; then
  echo "class archive: the training run wrote no archive ($archive.tmp); its output: $scratch/demo.log" >&2
  exit 1
fi
# The archive's size beside it, last: the launcher uses an archive only at this size, since the JVM crashes (SIGBUS)
# on one cut short (an interrupted copy of the installation) instead of ignoring it.
wc -c < "$archive.tmp" | tr -d ' ' > "$archive.size.tmp"
mv "$archive.tmp" "$archive"
mv "$archive.size.tmp" "$archive.size"
rm -rf "$scratch"
