FROM golang:1.19
WORKDIR /go/src/app
COPY go.mod go.sum ./
COPY lib/util/go.mod ./lib/util/
RUN go mod download
COPY . .
RUN go build ./cmd && go test ./...
