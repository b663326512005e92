# patch-package applies its patches when the install runs (postinstall): the folder they
# are in must come with the manifests, or the image gets the packages unpatched.
FROM node:20 AS default-patches-folder
WORKDIR /app
COPY default/package.json default/package-lock.json ./
COPY default/patches/ ./patches/
RUN npm ci
COPY default/ .

FROM node:20 AS patch-dir-option
WORKDIR /app
COPY custom/package.json custom/package-lock.json ./
COPY custom/tools/patches/ ./tools/patches/
RUN npm ci
COPY custom/ .

FROM node:20 AS patch-dir-equals
WORKDIR /app
COPY eq/package.json eq/package-lock.json ./
COPY eq/tools/patches/ ./tools/patches/
RUN npm ci
COPY eq/ .

FROM node:20 AS patch-dir-from-a-variable
WORKDIR /app
COPY var/ .
RUN npm ci
