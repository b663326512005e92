FROM node:18 AS web
WORKDIR /src
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend && npm ci
COPY . .
RUN cd frontend && npm run build
RUN npm ci --prefix admin && npm run build --prefix admin

FROM nginx:1.25-alpine
COPY --from=web /src/frontend/dist /usr/share/nginx/html
COPY --from=web /src/admin/dist /usr/share/nginx/html/admin
