FROM python:3.11-slim
# the redirection applies to the purge alone: it goes with it
RUN --mount=type=cache,target=/root/.cache/pip pip install flask > /tmp/install.log
# in a pipeline the purge cannot go alone, and would empty a mount on every build: no mount
RUN pip install gunicorn && pip cache purge 2>&1 | tee /tmp/purge.log
# the RUN mounts the pip cache itself: the purge stays, and the report says so
RUN --mount=type=cache,target=/root/.cache/pip pip install uvicorn && pip cache purge | tee /tmp/purge.log
