FROM rust:1.63
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY .cargo/config.toml ./.cargo/
RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked && rm -rf src target/x86_64-unknown-linux-gnu/release/.fingerprint/hello-web-???????????????? target/aarch64-unknown-linux-gnu/release/.fingerprint/hello-web-????????????????
COPY . .
RUN cargo build --release --locked
CMD ["./target/release/hello-web"]
