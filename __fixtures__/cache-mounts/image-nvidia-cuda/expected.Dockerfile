FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04 AS train
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends python3-pip
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip3 install -r requirements.txt

FROM nvcr.io/nvidia/cuda:12.4.1-runtime-ubi9 AS serve
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf install --setopt=keepcache=1 -y python3-pip
RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install vllm
