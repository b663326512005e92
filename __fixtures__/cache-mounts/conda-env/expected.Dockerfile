FROM condaforge/miniforge3
ENV CONDA_PKGS_DIRS=/opt/conda-pkgs,/tmp/pkgs
RUN --mount=type=cache,target=/opt/conda-pkgs,sharing=locked mamba install -y -c conda-forge numpy
