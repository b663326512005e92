FROM debian:bookworm
RUN --mount=type=cache,target=/root/.cargo/registry,sharing=locked --mount=type=cache,target=/root/.cargo/git/db,sharing=locked cargo build --release
