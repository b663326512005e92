FROM python:3.11
RUN --mount=type=cache,target=/root/.cache/pip <<EOF
pip install --upgrade pip
pip install -r requirements.txt
EOF
