FROM node:20
RUN --mount=type=cache,target=/root/.npm <<EOF
npm ci
npm run build
EOF
