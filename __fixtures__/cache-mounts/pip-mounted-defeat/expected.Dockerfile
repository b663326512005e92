FROM python:3.12 AS base
# the RUN's own mount holds pip's cache: what turns it off goes (its id and sharing do not matter)
RUN --mount=type=cache,id=pip,target=/root/.cache,sharing=locked pip install -r requirements.txt
# only a part of the cache is mounted: the flag stays
RUN --mount=type=cache,target=/root/.cache/pip/http pip install --no-cache-dir gunicorn
# read-only: pip cannot write to it
RUN --mount=type=cache,target=/root/.cache/pip,ro pip install --no-cache-dir uvicorn

FROM python:3.12 AS env
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
RUN --mount=type=cache,target=/root/.cache/pip python -m pip install celery

FROM python:3.12 AS user
RUN useradd -m -u 1000 app
USER app
# owned by root: app cannot write to it, the flag stays
RUN --mount=type=cache,target=/home/app/.cache/pip pip install --no-cache-dir --user httpx
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000,gid=1000 pip install --user rich

FROM registry.example.com/team/python:3.12 AS unknown
# the image may run as another user, whose cache this mount would not hold
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir boto3
