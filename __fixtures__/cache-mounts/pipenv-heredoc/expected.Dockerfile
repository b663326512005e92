FROM python:3.11
RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.cache/pipenv <<EOF
pip install pipenv
pipenv install --system
EOF
