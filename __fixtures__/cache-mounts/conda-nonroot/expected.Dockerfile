FROM mambaorg/micromamba:1.5.8
COPY --chown=$MAMBA_USER:$MAMBA_USER env.yaml /tmp/env.yaml
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked,uid=57439,gid=57439 micromamba install -y -n base -f /tmp/env.yaml
