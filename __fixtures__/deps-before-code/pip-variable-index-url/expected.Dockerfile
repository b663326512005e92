FROM python:3.11-slim
ARG PIP_TOKEN
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN pip install -r requirements-extra.txt
CMD ["python", "-m", "svc"]
