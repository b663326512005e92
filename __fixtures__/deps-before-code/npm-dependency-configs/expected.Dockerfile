FROM node:18-slim
WORKDIR /usr/src/app
COPY package.json package-lock.json .puppeteerrc.cjs ./
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "index.js"]
