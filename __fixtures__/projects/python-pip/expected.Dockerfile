FROM python:3.11

WORKDIR /app

COPY requirements.txt .
COPY wheels/ ./wheels/

# Install the vendored packages (wheels and one sdist); no PyPI access needed,
# so build the sdist with the setuptools that comes with the image
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-index --no-build-isolation --find-links=/app/wheels -r requirements.txt
COPY . .

CMD ["python", "app.py"]
