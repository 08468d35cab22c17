#!/usr/bin/python3
# check-manifest.py MANIFEST — checks the Flatpak manifest offline (test "flatpak-manifest", suite "data")
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# flatpak-builder --show-manifest parses the manifest as a build would and exits 0 even on unknown keys,
# which it only warns about: any output on stderr is a failure. Then the manifest's promises are checked:
# a pinned runtime, no network, files only through portals, third-party sources pinned by checksum.
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def main():
    manifest = sys.argv[1]
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("SKIP: flatpak-builder is not installed")
        sys.exit(SKIP)

    # flatpak-builder leaves a .flatpak-builder state directory where it runs: not in the tree.
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run([builder, "--show-manifest", os.path.abspath(manifest)], capture_output=True,
                             text=True, cwd=scratch)
    if run.returncode != 0 or run.stderr.strip():
        fail(f"flatpak-builder --show-manifest: exit {run.returncode}: {run.stderr.strip()}")
    data = json.loads(run.stdout)

    if data.get("id") != "io.github.segmenta.Segmenta":
        fail(f"unexpected id {data.get('id')!r}")
    if data.get("runtime") != "org.gnome.Platform" or data.get("sdk") != "org.gnome.Sdk":
        fail("the runtime must be org.gnome.Platform with org.gnome.Sdk")
    if not re.fullmatch(r"\d+(\.\d+)?", str(data.get("runtime-version", ""))):
        fail(f"runtime-version {data.get('runtime-version')!r} is not a pinned stable version")
    if data.get("command") != "segmenta":
        fail("command must be the binary name 'segmenta'")

    args = data.get("finish-args", [])
    for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"):
        if needed not in args:
            fail(f"finish-args lacks {needed}")
    for arg in args:
        if arg == "--share=network" or arg.startswith("--filesystem=") or arg == "--device=all":
            fail(f"finish-args must not ask for {arg}: files go through the portals")

    modules = data.get("modules", [])
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    if not names or names[-1] != "segmenta":
        fail("the app must be the last module")
    for module in modules:
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file"):
                if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                    fail(f"module {module.get('name')}: {source.get('url')} is not pinned by sha256")
    gsl = next((m for m in modules if m.get("name") == "gsl"), None)
    if gsl is None or "--disable-static" not in gsl.get("config-opts", []):
        fail("GSL must be built as a shared library module")
    print(f"OK: {manifest}")


if __name__ == "__main__":
    main()
