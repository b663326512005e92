FROM python:3.11-slim
RUN groupadd -g 10001 app && useradd -u 10001 -g app -m -d /home/app app
USER app
WORKDIR /home/app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=10001,gid=10001 pip install --user -r requirements.txt
