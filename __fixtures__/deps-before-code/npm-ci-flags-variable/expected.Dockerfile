# The flags come from ENV: known, so the install moves
FROM node:20 AS env-flags
ENV INSTALL_FLAGS="--omit=dev --no-audit"
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci $INSTALL_FLAGS
COPY . .
CMD ["node", "index.js"]

# ... and where they move the install, the manifests follow
FROM node:20 AS env-prefix
ENV NPM_FLAGS="--prefix web"
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
RUN npm ci $NPM_FLAGS
COPY . .

# An ARG can be overridden with --build-arg: npm ci names no packages, but the flags could
# move the install
FROM node:20 AS arg-flags
ARG INSTALL_FLAGS="--omit=dev"
WORKDIR /app
COPY . .
RUN npm ci $INSTALL_FLAGS

# npm install may name packages with it (a local folder would need the copy first)
FROM node:20 AS arg-packages
ARG PKGS
WORKDIR /app
COPY . .
RUN npm install $PKGS

# ... a package named by ENV is known
FROM node:20 AS env-packages
ENV PKGS=left-pad
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install $PKGS
COPY . .
