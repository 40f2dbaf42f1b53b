#!/usr/bin/env bash
# Assembles the container image's base as a docker-save tarball, which Jib layers the application on (`tar://`):
# a Java runtime made by jlink from the JDK that runs the build, the few shared libraries it links against, taken from
# this machine, and the directories and user of the image. Nothing is pulled from a registry, so `mvn -B verify` builds
# the image where only Maven Central is reachable.
#
#   base-image.sh JAVA_HOME MODULES UID OUT_DIR LIB_DIR
#
# JAVA_HOME is a JDK (with jmods/); MODULES the comma-separated modules for jlink; UID the numeric user and group the
# image runs as, which owns the data and backup directories; OUT_DIR receives base-image.tar; LIB_DIR holds the
# application's jars, whose native libraries for Linux on this machine's architecture (Zstandard's, libsecp256k1's
# JNI) need their shared libraries in the image too.
set -euo pipefail
java_home=$1 modules=$2 uid=$3 out=$4 lib_dir="$(cd "$5" && pwd)"
rootfs="$out/rootfs"
rm -rf "$out"
mkdir -p "$rootfs"

# --strip-debug and --compress=2 halve the runtime; the desktop's native libraries are left out (java.desktop stays for
# java.beans, which Quartz uses; a headless server never loads them) so that no X11 or sound library is needed.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --exclude-files="$(printf '**/lib/%s.so,' libawt libawt_xawt libawt_headless libjawt libsplashscreen libjsound \
    libfontmanager liblcms libjavajpeg libmlib_image)" \
  --output "$rootfs/opt/java"

# The native libraries inside the application's jars, which the JVM loads at run time from a copy in /tmp: only to
# learn what they link against (a missing libpthread.so.0 failed every backup of the image with format version 5).
natives="$out/natives"
mkdir -p "$natives"
arch="$(uname -m)"
[ "$arch" != x86_64 ] || arch='(x86_64|amd64)'
for jar in "$lib_dir"/*.jar; do
  "$java_home/bin/jar" tf "$jar" | { grep -E "linux.*$arch.*\.so\$" || true; } | while read -r entry; do
    (cd "$natives" && "$java_home/bin/jar" xf "$jar" "$entry")
  done
done

# The C library, the dynamic loader and whatever else the runtime's executables and libraries, and the application's
# native libraries, link against, at the paths the loader looks for them (the JDK's own libraries find each other
# through their RPATH).
find "$rootfs/opt/java" "$natives" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
  | grep -v -e "^$rootfs" -e "^$natives" | sort -u \
  | while read -r library; do cp -L --parents "$library" "$rootfs"; done

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/lib/wallet-backup/backups"
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/var/lib/wallet-backup" "$rootfs/var/lib/wallet-backup/backups"
# A name for the image's user: the JVM asks for the user's name and home directory.
printf 'root:x:0:0:root:/root:/sbin/nologin\nwallet:x:%s:%s:wallet-backup:/var/lib/wallet-backup:/sbin/nologin\n' \
  "$uid" "$uid" > "$rootfs/etc/passwd"
printf 'root:x:0:\nwallet:x:%s:\n' "$uid" > "$rootfs/etc/group"

# One layer: everything root's except the data directory, the user's. Fixed times and order make it reproducible.
layer="$out/layer.tar"
tar_options=(--sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
tar "${tar_options[@]}" --owner=0 --group=0 --exclude=./var/lib/wallet-backup -C "$rootfs" -cf "$layer" .
tar "${tar_options[@]}" --owner="$uid" --group="$uid" -C "$rootfs" -rf "$layer" ./var/lib/wallet-backup
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

cat > "$out/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin"],"User":"$uid:$uid"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created_by":"src/main/image/base-image.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["wallet-backup-base:local"],"Layers":["layer.tar"]}]\n' > "$out/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$out" -cf "$out/base-image.tar" manifest.json config.json layer.tar
rm -rf "$rootfs" "$natives" "$out/layer.tar" "$out/config.json" "$out/manifest.json"
