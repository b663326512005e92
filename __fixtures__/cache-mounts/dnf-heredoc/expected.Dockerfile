FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN --mount=type=cache,target=/var/cache/yum,sharing=locked <<EOF
microdnf install --setopt=keepcache=1 -y shadow-utils
EOF
