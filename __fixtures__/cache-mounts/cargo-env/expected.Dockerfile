FROM debian:bookworm
ENV CARGO_HOME=/opt/cargo PATH=/opt/cargo/bin:$PATH
RUN --mount=type=cache,target=/opt/cargo/registry,sharing=locked --mount=type=cache,target=/opt/cargo/git/db,sharing=locked cargo fetch --locked
