FROM rust:1.63 AS builder
WORKDIR /usr/src/hello
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release

FROM debian:bookworm-slim
COPY --from=builder /usr/src/hello/target/release/hello /usr/local/bin/hello
CMD ["hello"]
