FROM golang:1.19 AS build
WORKDIR /src
COPY go.mod .
RUN CGO_ENABLED=0 go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM debian:bookworm
COPY --from=build /out/server /usr/local/bin/server
CMD ["server"]
