FROM node:20-slim
WORKDIR /srv
COPY package.json package-lock.json .npmrc ./
COPY certs/corp-ca.pem ./certs/
RUN npm ci
COPY . .
CMD ["node", "index.js"]
