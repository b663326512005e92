FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked \
    apk --update-cache add --virtual .build-deps gcc musl-dev \
    && make \
    && apk del .build-deps
