# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install requests | tee /tmp/pip.log | grep -v WARN
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt | tee "/tmp/pip-$(date +%s).log" | grep -v WARN
RUN <<EOF
pip install --no-cache-dir flask | tee /tmp/flask.log | grep -v WARN
pip cache purge || true
EOF
