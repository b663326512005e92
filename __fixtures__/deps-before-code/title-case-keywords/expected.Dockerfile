From python:3.11-slim
Workdir /app
Copy requirements.txt .
Run pip install -r requirements.txt
Copy . .
Run python -m compileall .
Cmd ["python", "app.py"]
