FROM centos:7
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked --mount=type=cache,target=/var/cache/yum,sharing=locked yum -y install --setopt=keepcache=1 make
