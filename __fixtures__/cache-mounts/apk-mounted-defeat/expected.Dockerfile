FROM alpine:3.20
# --no-cache would bypass the mounted cache; the index then comes with --update-cache
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache curl
