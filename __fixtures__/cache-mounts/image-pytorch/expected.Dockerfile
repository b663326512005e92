FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked conda install -y -c conda-forge faiss-cpu
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
CMD ["python", "serve.py"]
