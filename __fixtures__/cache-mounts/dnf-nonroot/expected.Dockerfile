FROM rockylinux:9
RUN useradd -u 1001 app
USER app
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked --mount=type=cache,target=/var/cache/libdnf5,sharing=locked sudo dnf -y install --setopt=keepcache=1 git
