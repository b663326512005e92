FROM golang:1.22 AS passed
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN go build -ldflags "-X main.version=${VERSION}" -o /out/app .

FROM golang:1.22 AS above
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
ARG GIT_COMMIT
# the build date, stamped by CI
ARG BUILD_DATE=unknown
COPY . .
RUN go build -ldflags "-X main.commit=${GIT_COMMIT} -X main.date=${BUILD_DATE}" -o /out/app .

FROM golang:1.22 AS named-by-a-label
WORKDIR /src
COPY go.mod go.sum ./
ARG VERSION
LABEL org.opencontainers.image.version=$VERSION
RUN go mod download
COPY . .
RUN go build -o /out/app .

FROM golang:1.22 AS not-a-stamp
WORKDIR /src
ARG GOPROXY
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/app .

FROM golang:1.22 AS run-in-between
WORKDIR /src
COPY go.mod go.sum ./
ARG VERSION
RUN apt-get update && apt-get install -y --no-install-recommends upx
RUN go mod download
COPY . .
RUN go build -o /out/app . && upx /out/app

FROM golang:1.22 AS default-from-variable
WORKDIR /src
ARG BASE=1.0
ARG VERSION=${BASE}
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags "-X main.version=${VERSION}" -o /out/app .
