FROM golang:1.22
ENV SSL_CERT_FILE=/src/certs/ca.pem
WORKDIR /src
COPY go.mod .
COPY certs/ca.pem ./certs/
RUN go mod download
COPY . .
RUN go build -o /app .
