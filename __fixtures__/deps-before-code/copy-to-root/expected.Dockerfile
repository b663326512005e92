# A copy of a file tree to `/`: the manifests go to their own folder below `/`, not below the WORKDIR.
FROM python:3.12-slim
WORKDIR /app
COPY rootfs/app/requirements.txt /app/
RUN pip install -r requirements.txt
COPY rootfs/ /
CMD ["python", "app.py"]
