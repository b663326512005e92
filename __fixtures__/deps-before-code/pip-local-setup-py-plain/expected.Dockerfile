FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
COPY libs/common/ ./libs/common/
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "-m", "app"]
