FROM python:3.11
ENV PIPENV_CACHE_DIR=/opt/pipenv-cache PIPENV_VENV_IN_PROJECT=1
RUN --mount=type=cache,target=/opt/pipenv-cache pipenv install --deploy
