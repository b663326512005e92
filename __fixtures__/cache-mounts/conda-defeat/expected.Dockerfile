FROM continuumio/miniconda3
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked \
    conda install -y pytorch
