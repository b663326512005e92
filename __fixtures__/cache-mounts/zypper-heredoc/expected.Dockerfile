FROM opensuse/leap:15.6
RUN --mount=type=cache,target=/var/cache/zypp,sharing=locked <<EOF
zypper -n refresh
zypper -n install git
EOF
