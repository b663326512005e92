FROM golang:1.22
ARG GH_TOKEN
WORKDIR /src
COPY go.mod go.sum ./
RUN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" \
    && go env -w GOPRIVATE=github.com/acme/*
RUN go mod download
COPY . .
RUN go build -o /app ./cmd/app
