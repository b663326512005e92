FROM golang:1.22 AS make
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN make build

FROM golang:1.22 AS script
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN ./build.sh

FROM golang:1.22 AS plain
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app .

FROM maven:3.9-eclipse-temurin-21 AS maven
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY . .
RUN make package
