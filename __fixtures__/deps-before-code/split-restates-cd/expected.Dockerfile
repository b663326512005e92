FROM node:18
COPY web/package.json web/package-lock.json /repo/web/
# hadolint ignore=DL3003
RUN set -eux; \
    cd /repo/web && \
    npm ci
COPY . /repo
# hadolint ignore=DL3003
RUN set -eux && cd /repo/web && npm run build
