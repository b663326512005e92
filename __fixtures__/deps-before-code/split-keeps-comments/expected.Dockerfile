FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
  RUN npm ci
COPY . .
  # only production deps are needed at runtime
  RUN npm run build \
    # smoke test
    && npm test
CMD ["node", "dist/index.js"]
