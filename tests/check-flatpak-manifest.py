#!/usr/bin/env python3
"""Checks the Flatpak manifest: valid JSON, the right app ID and command, this
project built with meson as the last module, hunspell and its Ukrainian
dictionary bundled, and only the sandbox holes we need."""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

errors = []
if manifest.get("id", manifest.get("app-id")) != app_id:
    errors.append(f"id is not {app_id}")
if manifest.get("command") != "faltstod":
    errors.append("command is not faltstod")
if not str(manifest.get("runtime", "")).startswith("org.gnome.Platform"):
    errors.append("runtime is not org.gnome.Platform")
modules = manifest.get("modules", [])
if not modules or not isinstance(modules[-1], dict):
    errors.append("no modules")
else:
    app = modules[-1]
    if app.get("name") != "faltstod" or app.get("buildsystem") != "meson":
        errors.append("the last module must be faltstod, built with meson")
# Ukrainian search stems with hunspell: the library and the uk_UA dictionary
# (found at run time in /app/share/hunspell) are bundled.
names = {m.get("name") for m in modules if isinstance(m, dict)}
if "hunspell" not in names:
    errors.append("no hunspell module (Ukrainian search stems with it)")
commands = [c for m in modules if isinstance(m, dict) for c in m.get("build-commands", [])]
if not any("/app/share/hunspell" in c and "uk_UA.aff" in c and "uk_UA.dic" in c for c in commands):
    errors.append("no module installs uk_UA.aff and uk_UA.dic into /app/share/hunspell")
allowed = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
           "--share=network"}
for arg in manifest.get("finish-args", []):
    if arg not in allowed:
        errors.append(f"finish-arg {arg} is wider than the app needs")

for e in errors:
    print(f"{path}: {e}")
sys.exit(1 if errors else 0)
