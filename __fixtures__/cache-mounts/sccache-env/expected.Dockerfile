FROM rust:1.80
ENV SCCACHE_DIR=/sccache
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/sccache export RUSTC_WRAPPER=sccache && cargo build --release
