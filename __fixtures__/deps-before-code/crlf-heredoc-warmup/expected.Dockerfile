FROM python:3.12
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN set -e && uv sync --locked --no-install-project
COPY . .
RUN <<EOF
set -e
uv sync --locked
EOF
