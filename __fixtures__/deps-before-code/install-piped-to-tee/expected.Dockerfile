FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci 2>&1 | tee /tmp/npm.log
COPY . .
RUN npm run build
