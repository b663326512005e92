FROM python:3.11-slim
# the redirection applies to the purge alone: it goes with it
RUN --mount=type=cache,target=/root/.cache/pip pip install flask > /tmp/install.log
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn && pip cache purge 2>&1 | tee /tmp/purge.log
