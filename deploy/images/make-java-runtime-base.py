#!/usr/bin/env python3
"""Build the applications' base image OFFLINE: a minimal Java runtime as a docker-archive tar.

No registry is reachable on the build machines, so the base Jib builds on is made here from the
machine's own JDK (Python 3 standard library only):

  * a jlink'ed Java runtime with the modules a Spring Boot service needs (incl. jdk.localedata
    for zh-CN formats) at /opt/java;
  * the shared libraries it links (found with ldd) plus glibc's NSS modules for DNS, at their
    original paths: the image is "distroless" - no shell, no package manager;
  * /etc/passwd and /etc/group with the unprivileged user app (10001), a world-writable /tmp;
  * one deterministic layer (sorted entries, fixed mtimes and owners): the same JDK gives the
    same image digest.

Usage: make-java-runtime-base.py OUTPUT.tar [--tag party-platform/java-runtime:17]
With a registry at hand, use a maintained base instead (-Dimage.base=eclipse-temurin:17-jre);
docs/adr/0007-images.md says why both exist.
"""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MODULES = ",".join([
    "java.se", "jdk.crypto.ec", "jdk.crypto.cryptoki", "jdk.unsupported", "jdk.management",
    "jdk.management.jfr", "jdk.jfr", "jdk.naming.dns", "jdk.zipfs", "jdk.localedata",
    "jdk.charsets", "jdk.net", "jdk.attach", "jdk.jcmd",
])
NSS = ["libnss_files.so.2", "libnss_dns.so.2", "libresolv.so.2"]
EPOCH = 0


def java_home():
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "jlink").exists():
        return Path(home)
    javac = Path(shutil.which("javac")).resolve()
    return javac.parent.parent


def linked_libraries(paths):
    libs = set()
    for path in paths:
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            for part in parts:
                if part.startswith("/") and Path(part).exists():
                    libs.add(Path(part))
    return libs


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(argv[1]).resolve()
    tag = argv[argv.index("--tag") + 1] if "--tag" in argv else "party-platform/java-runtime:17"
    work = Path(tempfile.mkdtemp(prefix="java-runtime-"))
    try:
        root = work / "rootfs"
        runtime = root / "opt" / "java"
        subprocess.run([str(java_home() / "bin" / "jlink"), "--add-modules", MODULES, "--strip-debug",
                        "--no-man-pages", "--no-header-files", "--compress=2", "--output", str(runtime)],
                       check=True)
        binaries = [p for p in runtime.rglob("*") if p.is_file() and (p.suffix == ".so" or p.parent.name == "bin")]
        # The runtime's own libraries (libjvm, libjli) are already inside it.
        libs = {lib for lib in linked_libraries(binaries) if not str(lib).startswith(str(work))}
        libdir = next(iter(libs)).parent if libs else Path("/lib/x86_64-linux-gnu")
        for name in NSS:
            for candidate in (libdir / name, Path("/lib/x86_64-linux-gnu") / name):
                if candidate.exists():
                    libs.add(candidate)
                    break
        for lib in sorted(libs):
            target = root / str(lib).lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(lib.resolve(), target)
        # /lib64/ld-linux-x86-64.so.2 is how binaries find the loader; keep /lib -> usr/lib layouts working.
        etc = root / "etc"
        etc.mkdir(exist_ok=True)
        (etc / "passwd").write_text("root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/home/app:/sbin/nologin\n")
        (etc / "group").write_text("root:x:0:\napp:x:10001:\n")
        (etc / "nsswitch.conf").write_text("hosts: files dns\n")
        (root / "tmp").mkdir()
        (root / "home" / "app").mkdir(parents=True)

        layer = io.BytesIO()
        with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for path in sorted(root.rglob("*")):
                rel = path.relative_to(root).as_posix()
                info = tar.gettarinfo(str(path), arcname=rel)
                info.mtime = EPOCH
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                if rel == "tmp":
                    info.mode = 0o1777
                if rel == "home/app":
                    info.uid = info.gid = 10001
                if info.isfile():
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
        layer_bytes = layer.getvalue()
        diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
        config = {
            "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:00Z",
            "config": {
                "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
                "User": "10001:10001", "WorkingDir": "/home/app",
            },
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created": "1970-01-01T00:00:00Z",
                         "created_by": "deploy/images/make-java-runtime-base.py (jlink " + MODULES + ")"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": ["layer.tar"]}]
        output.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(output, mode="w", format=tarfile.PAX_FORMAT) as archive:
            for name, data in (("layer.tar", layer_bytes), (config_name, config_bytes),
                               ("manifest.json", json.dumps(manifest).encode())):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mtime = EPOCH
                archive.addfile(info, io.BytesIO(data))
        print(f"{output}: {tag}, {len(layer_bytes) // (1024 * 1024)} MiB, layer {diff_id[:19]}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
