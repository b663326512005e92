FROM opensuse/leap:15.6
RUN --mount=type=cache,target=/var/cache/zypp-build,sharing=locked zypper --cache-dir /var/cache/zypp-build -n in curl
