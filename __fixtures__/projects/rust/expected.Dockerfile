FROM rust:1.63 AS builder
WORKDIR /usr/src/hello
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release && rm -rf src target/release/.fingerprint/hello-????????????????
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo build --release

FROM debian:bookworm-slim
COPY --from=builder /usr/src/hello/target/release/hello /usr/local/bin/hello
CMD ["hello"]
