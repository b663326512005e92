FROM python:3.11
RUN useradd -m -u 1000 web
USER web
RUN --mount=type=cache,target=/home/web/.cache/pipenv,uid=1000 pipenv sync
