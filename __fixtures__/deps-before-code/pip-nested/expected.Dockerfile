FROM python:3.11
WORKDIR /app
COPY requirements.txt constraints.txt ./
COPY requirements/base.txt requirements/common.txt ./requirements/
COPY wheels/ ./wheels/
RUN pip install --no-index --find-links ./wheels -r requirements.txt
COPY . .
CMD ["python", "-m", "app"]
