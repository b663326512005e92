FROM opensuse/tumbleweed
USER 1000
RUN --mount=type=cache,target=/var/cache/zypp,sharing=locked sudo zypper -n in curl
