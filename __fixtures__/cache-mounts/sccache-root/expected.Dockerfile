FROM rust:1.80
ENV RUSTC_WRAPPER=sccache
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/root/.cache/sccache cargo build --release
