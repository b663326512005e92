FROM python:3.11
RUN --mount=type=cache,target=/root/.cache/pip ["pip", "install", "flask==3.0.0"]
RUN --mount=type=cache,target=/root/.cache/pip ["/bin/sh", "-c", "pip install -r requirements.txt && echo \"done\""]
