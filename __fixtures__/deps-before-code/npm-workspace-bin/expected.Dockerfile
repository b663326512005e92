FROM node:18-slim
WORKDIR /repo
COPY package.json package-lock.json ./
COPY packages/cli/package.json ./packages/cli/
COPY packages/cli/bin/gen-routes.js ./packages/cli/bin/
COPY packages/web/package.json ./packages/web/
RUN npm ci
COPY . .
RUN npm run build --workspace @acme/web
CMD ["npx", "gen-routes"]
