# A pip config file the copy itself puts where pip reads it comes first, with what it names.
FROM python:3.12-slim
WORKDIR /app
COPY rootfs/app/requirements.txt /app/
COPY rootfs/etc/pip.conf /etc/
COPY rootfs/app/wheels/ /app/wheels/
RUN pip install -r requirements.txt
COPY rootfs/ /
CMD ["python", "app.py"]
