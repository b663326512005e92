FROM python:3.11-slim
ARG AIRFLOW_VERSION=2.8.1
WORKDIR /opt/app
COPY requirements.txt .
RUN pip install -r requirements.txt -c "https://raw.githubusercontent.com/apache/airflow/constraints-${AIRFLOW_VERSION}/constraints-3.11.txt"
COPY . .
RUN pip install ".[postgres]" -c "https://raw.githubusercontent.com/apache/airflow/constraints-${AIRFLOW_VERSION}/constraints-3.11.txt"
CMD ["myapp"]
