# Every apt-get the tool reads has its mount, but line 6 runs apt inside `su -c "..."`, where
# no mount goes: kept packages would stay in the image
FROM debian:12 AS hidden
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y git
RUN su -c "apt-get update && apt-get install -y vim"

# ... which is fine in a RUN that has the mount itself
FROM debian:12 AS hidden-mounted
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y git
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    su -c "apt-get update && apt-get install -y vim"

# apt's own folders in other commands' words are not apt runs
FROM debian:12 AS paths
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y git
RUN cp /etc/apt/sources.list /tmp/install && rm -rf /var/lib/apt/lists/* && echo done
