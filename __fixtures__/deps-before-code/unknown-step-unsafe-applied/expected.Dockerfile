FROM python:3.11
COPY requirements.txt /app/
RUN /opt/bootstrap.sh
WORKDIR /app
RUN pip install -r requirements.txt
COPY . /app
