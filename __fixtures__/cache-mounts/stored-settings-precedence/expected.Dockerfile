FROM golang:1.22 AS build
WORKDIR /src
RUN go env -w GOMODCACHE=/cache/gomod GOCACHE=/cache/gobuild
# only prints the setting
RUN go env GOMODCACHE
COPY . .
RUN --mount=type=cache,target=/cache/gomod --mount=type=cache,target=/cache/gobuild go mod download
RUN --mount=type=cache,target=/cache/gomod --mount=type=cache,target=/cache/gobuild go build -o /out/app ./cmd/app

FROM golang:1.22 AS unset
RUN go env -w GOCACHE=/tmp/gocache && go env -u GOCACHE
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...

FROM golang:1.22 AS env-wins
# the environment beats the go env file
ENV GOMODCACHE=/mods
RUN go env -w GOMODCACHE=/ignored GOPATH=/ignored-too
RUN --mount=type=cache,target=/mods --mount=type=cache,target=/root/.cache/go-build go mod download

FROM golang:1.22 AS other-user
RUN go env -w GOCACHE=/root-gocache
RUN useradd -m -u 1000 dev
USER dev
RUN go build ./...

FROM node:20 AS npm-precedence
# npm reads the user's config after the global one
RUN npm config set cache /user-cache && npm config set --global cache /global-cache
RUN --mount=type=cache,target=/user-cache npm ci

FROM node:20 AS mixed-users
RUN npm config set cache /root-cache
USER node
# the node user's own setting, stored after root's: root keeps its own
RUN npm config set cache /home/node/cache
USER root
RUN --mount=type=cache,target=/root-cache npm ci

FROM python:3.12-slim AS pip-site
# pip reads the site file after the user's
RUN pip config set --site global.cache-dir /site-cache && pip config set global.cache-dir /user-cache
RUN --mount=type=cache,target=/site-cache pip install flask
