FROM python:3.12-slim
ENV UV_CACHE_DIR=/opt/uv-cache UV_LINK_MODE=copy
RUN --mount=type=cache,target=/opt/uv-cache uv sync --frozen --no-install-project
