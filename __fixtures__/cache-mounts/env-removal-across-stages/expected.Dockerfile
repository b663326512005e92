FROM python:3.11
RUN --mount=type=cache,target=/root/.cache/pip pip install a
FROM python:3.11 AS other
RUN useradd app
USER app
RUN pip install b
