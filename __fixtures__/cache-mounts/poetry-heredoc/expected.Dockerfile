FROM python:3.11
RUN --mount=type=cache,target=/root/.cache/pypoetry/cache --mount=type=cache,target=/root/.cache/pypoetry/artifacts <<EOF
poetry config virtualenvs.create false
poetry install --no-root
EOF
