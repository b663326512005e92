FROM rust:1.80 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo build --release --locked

FROM debian:bookworm-slim
COPY --from=build /app/target/release/app /usr/local/bin/app
