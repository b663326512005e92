FROM registry.access.redhat.com/ubi9/ubi
# /bin/sh is bash here: the braces expand, and /var/cache/dnf is about to be a mount
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked \
    --mount=type=cache,target=/var/cache/libdnf5,sharing=locked \
    dnf install --setopt=keepcache=1 -y --setopt=install_weak_deps=False --nodocs gcc make \
    && rm -rf /var/cache/yum

FROM debian:bookworm-slim
# dash: the word is one literal path, which rm -f ignores
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/{apt,dpkg}/lists-backup

# a root filesystem built with --installroot: dnf's cache is inside it, not /var/cache/dnf
FROM registry.access.redhat.com/ubi9/ubi AS rootfs
RUN mkdir -p /mnt/rootfs && \
    dnf install -y --installroot /mnt/rootfs --releasever 9 --setopt install_weak_deps=false --nodocs \
        coreutils-single glibc-minimal-langpack && \
    dnf --installroot /mnt/rootfs clean all
