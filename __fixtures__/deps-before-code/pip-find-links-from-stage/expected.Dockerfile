FROM python:3.11-slim AS build
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /build/wheels -r requirements.txt

FROM python:3.11-slim
COPY --from=build /build/wheels /tmp/wheels
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-index --find-links=/tmp/wheels -r requirements.txt
COPY . .
RUN python -m compileall -q bot
CMD ["python", "-m", "bot"]
