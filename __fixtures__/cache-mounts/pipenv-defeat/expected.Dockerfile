FROM python:3.11
ENV LANG=C.UTF-8
RUN --mount=type=cache,target=/root/.cache/pipenv pipenv install --system --deploy
