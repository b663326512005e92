# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOT
echo hello
EOT
