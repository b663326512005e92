FROM python:3.11
COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /bin/uv
ENV UV_COMPILE_BYTECODE=1
WORKDIR /app
COPY pyproject.toml uv.lock .python-version /app/
RUN uv sync --locked --no-dev --no-install-project
COPY . /app
RUN uv sync --locked --no-dev
CMD ["uv", "run", "app"]
