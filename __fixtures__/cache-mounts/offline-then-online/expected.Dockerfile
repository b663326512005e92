FROM python:3.11
WORKDIR /app
COPY wheels/ /wheels/
COPY requirements.txt .
# an offline install reads what is already in the image's cache: the RUNs before it stay
# as they are, the RUNs after it do not matter to it
RUN pip install --no-cache-dir -r requirements.txt
RUN --network=none pip install --no-index --find-links /wheels -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip pip install gunicorn
CMD ["gunicorn", "app:app"]
