# syntax=docker.io/docker/dockerfile:1.4.3

FROM python:3.11-slim
COPY --link <<EOF /etc/app.ini
[app]
EOF
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
