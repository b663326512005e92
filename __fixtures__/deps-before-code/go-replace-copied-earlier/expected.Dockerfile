FROM golang:1.19
WORKDIR /src
COPY go.mod go.sum ./
COPY shared/ shared/
RUN CGO_ENABLED=0 go mod download
COPY cmd cmd
COPY internal internal
RUN CGO_ENABLED=0 go build -o /out/ingest ./cmd/ingest
