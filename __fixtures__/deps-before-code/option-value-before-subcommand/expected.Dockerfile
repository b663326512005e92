# options with a value before the sub-command keep their value
FROM maven:3.9-eclipse-temurin-21 AS shop
WORKDIR /build
COPY shop/ .
RUN mvn -s ci-settings.xml -B -pl shop-web -am package -DskipTests

FROM maven:3.9-eclipse-temurin-21 AS settings
WORKDIR /build
COPY settings/pom.xml settings/ci-settings.xml ./
RUN mvn -B -s ci-settings.xml dependency:go-offline
COPY settings/ .
RUN mvn -B -s ci-settings.xml package

FROM maven:3.9-eclipse-temurin-21 AS file
WORKDIR /build
COPY file/backend/pom.xml ./backend/
RUN mvn -B -f backend/pom.xml dependency:go-offline
COPY file/ .
RUN mvn -f backend/pom.xml -B package

FROM node:20 AS yarn
WORKDIR /app
COPY yarn/web/package.json yarn/web/yarn.lock ./web/
RUN yarn --cwd web install
COPY yarn/ .

FROM node:20 AS pnpm
WORKDIR /app
COPY pnpm/web/package.json pnpm/web/pnpm-lock.yaml ./web/
RUN corepack enable && pnpm --dir web install
COPY pnpm/ .

FROM node:20 AS npm
WORKDIR /app
COPY npm/web/package.json npm/web/package-lock.json ./web/
RUN npm --prefix web ci
COPY npm/ .
