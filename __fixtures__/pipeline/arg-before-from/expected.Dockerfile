# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
ARG BASE=python:${PYTHON_VERSION}-slim
FROM ${BASE}
ARG PIP_INDEX_URL
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
