FROM python:3.12-slim
ENV UV_LINK_MODE=copy
RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt
