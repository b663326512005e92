FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked <<EOF
set -e
apk add --update-cache bash
EOF
