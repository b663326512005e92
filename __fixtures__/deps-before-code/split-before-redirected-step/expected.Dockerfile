FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit
COPY . .
RUN npm run build 2>&1 >/dev/null
CMD ["node", "dist/index.js"]
