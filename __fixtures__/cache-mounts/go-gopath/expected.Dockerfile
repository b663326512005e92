FROM debian:bookworm
ENV GOPATH=/work/go:/opt/go
RUN --mount=type=cache,target=/work/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go install example.com/tool@v1.2.3
