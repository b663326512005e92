FROM fedora:41
RUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf5 install -y --setopt=keepcache=True gcc
RUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf5 makecache
