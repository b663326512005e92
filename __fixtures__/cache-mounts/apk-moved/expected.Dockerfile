FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk-pkgs,sharing=locked apk --cache-dir /var/cache/apk-pkgs add --update-cache curl
