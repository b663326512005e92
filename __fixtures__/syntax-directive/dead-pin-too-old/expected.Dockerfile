# syntax=docker/dockerfile:1
# API image
# syntax=docker/dockerfile:1.3
FROM python:3.11-slim
COPY <<EOF /etc/app.ini
[app]
debug = false
EOF
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
