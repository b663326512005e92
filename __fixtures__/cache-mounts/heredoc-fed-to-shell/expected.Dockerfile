FROM node:18
RUN --mount=type=cache,target=/root/.npm <<-'EOT' bash
	npm ci
	EOT
RUN --mount=type=cache,target=/root/.npm <<"EOF"
npm install -g yarn
EOF
