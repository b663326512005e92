FROM continuumio/miniconda3
COPY environment.yml .
# the image's own idiom: static libraries and bytecode deleted under the conda root,
# which holds the package cache (/opt/conda/pkgs): no mount there
RUN conda env create -f environment.yml && \
    conda clean -afy && \
    find /opt/conda/ -follow -type f -name '*.a' -delete

FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
# a clean that may fail is still a clean: it goes with its `|| true`
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
# a find under the working directory deletes nothing of the cache
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install gunicorn \
    && find /app/vendor/*/tests -name '*.pyc' -delete
