FROM python:3.11

# Don't run the worker as root
RUN useradd -u 1001 -m app
USER app
WORKDIR /home/app/worker

COPY --chown=app:app requirements.txt .
COPY --chown=app:app wheels/ ./wheels/
# wheels/ holds our internal packages (no package index in production builds)
RUN pip install --user --no-cache-dir --no-index --find-links=./wheels -r requirements.txt
COPY --chown=app:app . .

CMD ["python", "-m", "worker"]
