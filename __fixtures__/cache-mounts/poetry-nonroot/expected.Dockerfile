FROM python:3.11
RUN groupadd -g 1000 dev && useradd -m -u 1000 -g dev dev
USER dev
RUN --mount=type=cache,target=/home/dev/.cache/pypoetry/cache,uid=1000,gid=1000 --mount=type=cache,target=/home/dev/.cache/pypoetry/artifacts,uid=1000,gid=1000 poetry install --only main
