# no-cache-dir in a pip config file turns pip's cache off (any value, as for
# PIP_NO_CACHE_DIR): a mount would never be used, and the file is not the tool's to edit.
FROM python:3.12-slim AS etc-pip-conf
COPY pip.conf /etc/pip.conf
RUN pip install -r requirements.txt

FROM python:3.12-slim AS config-file-variable
ENV PIP_CONFIG_FILE=/srv/pip.conf
COPY pip.conf /srv/pip.conf
RUN pip install -r requirements.txt

FROM python:3.12-slim AS no-such-setting
COPY plain.conf /etc/pip.conf
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
