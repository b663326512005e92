FROM python:3.12-slim AS venv
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv $VIRTUAL_ENV
RUN --mount=type=cache,target=/root/.cache/pip $VIRTUAL_ENV/bin/pip install flask

FROM python:3.12-slim AS poetry
ENV POETRY_HOME=/opt/poetry
RUN --mount=type=cache,target=/root/.cache/pip python3 -m venv $POETRY_HOME && $POETRY_HOME/bin/pip install poetry==1.8.3
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pypoetry/cache --mount=type=cache,target=/root/.cache/pypoetry/artifacts "${POETRY_HOME}/bin/poetry" install --no-root

FROM python:3.12-slim AS module
ENV VENV=/venv
RUN --mount=type=cache,target=/root/.cache/pip ${VENV}/bin/python -m pip install requests

FROM continuumio/miniconda3 AS conda-known
ENV CONDA_DIR=/opt/conda
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked $CONDA_DIR/bin/conda install -y numpy

FROM continuumio/miniconda3 AS conda-unknown
ARG ENVDIR=/opt/env
RUN $ENVDIR/bin/conda install -y numpy

FROM python:3.12-slim AS name-variable
ARG PIP=pip
RUN $PIP install flask && pip$V install requests
