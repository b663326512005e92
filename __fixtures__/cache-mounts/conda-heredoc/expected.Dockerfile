FROM mambaorg/micromamba:1.5.8
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked,uid=57439,gid=57439 <<EOF
micromamba install -y -n base python=3.11
EOF
