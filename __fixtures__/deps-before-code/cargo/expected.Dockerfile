FROM rust:1.63
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked && rm -rf src target/release/.fingerprint/hello-web-????????????????
COPY . .
RUN cargo build --release --locked
CMD ["./target/release/hello-web"]
