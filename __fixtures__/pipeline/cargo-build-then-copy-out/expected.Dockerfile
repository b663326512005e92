# syntax=docker/dockerfile:1
# The dependency build deps-before-code adds fills target/ in its layer: the real build
# then gets no target/ mount, which would hide it and build everything again.
FROM rust:1.77-bookworm AS builder
WORKDIR /usr/src/linkshort
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked && rm -rf src target/release/.fingerprint/linkshort-????????????????
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked \
    cargo build --release --locked \
    && install -Dm755 target/release/linkshort /out/linkshort

FROM debian:bookworm-slim
COPY --from=builder /out/linkshort /usr/local/bin/linkshort
CMD ["linkshort"]
