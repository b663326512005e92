FROM continuumio/miniconda3
COPY environment.yml .
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked conda env create -f environment.yml
