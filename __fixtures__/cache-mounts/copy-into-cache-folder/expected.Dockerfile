FROM debian:bookworm-slim
# a package shipped with the build, installed from apt's own archive folder
COPY debs/ /var/cache/apt/archives/
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && \
    apt-get install -y --no-install-recommends /var/cache/apt/archives/mytool_1.0_amd64.deb

FROM python:3.12-slim
# wheels put into pip's cache folder by the build: a mount would hide them
COPY wheels /root/.cache/pip/wheels
RUN pip install --no-index --find-links /root/.cache/pip/wheels mytool
