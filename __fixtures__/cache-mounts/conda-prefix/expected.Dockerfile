FROM debian:bookworm
RUN --mount=type=cache,target=/opt/miniconda/pkgs,sharing=locked /opt/miniconda/bin/conda create -y -p /opt/env python=3.11
