FROM python:3.12-slim
ENV UV_LINK_MODE=copy
RUN --mount=type=cache,target=/root/.cache/uv <<EOF
set -eux
uv venv /opt/venv
uv pip install --python /opt/venv -r requirements.txt
EOF
