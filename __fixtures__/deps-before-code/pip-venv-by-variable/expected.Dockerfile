FROM python:3.12-slim
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv $VIRTUAL_ENV
WORKDIR /app
COPY requirements.txt .
RUN "$VIRTUAL_ENV/bin/pip" install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
