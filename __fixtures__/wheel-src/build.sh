#!/bin/sh
# Rebuilds the tiny pure-Python wheels (and one sdist) that the python fixtures install offline
# (the builder cannot reach PyPI). Runs pip inside python:3.11 so the wheels are made
# by the same pip/setuptools/wheel the images use. SOURCE_DATE_EPOCH keeps the wheels byte-for-byte
# reproducible; the sdist (a .tar.gz) carries build-time timestamps.
#   __fixtures__/wheel-src/build.sh          (needs DOCKER_HOST pointing at the builder)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
docker run --rm -e SOURCE_DATE_EPOCH=315532800 -v "$here:/src:ro" -v "$out:/out" python:3.11 sh -c '
  for p in /src/*/; do
    cp -r "$p" /tmp/build && pip wheel --quiet --no-deps --no-build-isolation --no-index -w /out /tmp/build
    (cd /tmp/build && python3 -c "from setuptools import build_meta as b; b.build_sdist(\"/out\")" >/dev/null)
    rm -rf /tmp/build
  done
  chown -R '"$(id -u):$(id -g)"' /out'
put() { # dest-dir file-glob...  (tinycase-*.whl: the wheel; tinymoney-*.tar.gz: the sdist)
  dest=$1; shift; mkdir -p "$dest"; rm -f "$dest"/*.whl "$dest"/*.tar.gz
  for w in "$@"; do cp "$out"/$w "$dest/"; done
}
# python-pip ships tinymoney as an sdist: pip builds a wheel from it, which pip's cache can keep
put "$root/__fixtures__/projects/python-pip/wheels" 'tinycase-*.whl' 'tinygreet-*.whl' 'tinymoney-*.tar.gz'
put "$root/__fixtures__/project-changes/python-pip/deps/wheels" 'tinyslug-*.whl'
put "$root/examples/shop/worker/wheels" 'tinycase-*.whl' 'tinymoney-*.whl' 'tinyslug-*.whl'
rm -rf "$out"
ls -l "$root/__fixtures__/projects/python-pip/wheels" "$root/__fixtures__/project-changes/python-pip/deps/wheels" "$root/examples/shop/worker/wheels"
