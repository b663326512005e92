FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt requirements-dev.txt ./
COPY certs/corp-ca.pem certs/client.pem ./certs/
RUN pip install --cert certs/corp-ca.pem -r requirements.txt
RUN pip install --client-cert=certs/client.pem -r requirements-dev.txt
COPY . .
CMD ["python", "-m", "app"]
