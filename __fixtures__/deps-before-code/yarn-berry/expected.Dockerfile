FROM node:18
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
COPY .yarn/releases/ ./.yarn/releases/
COPY .yarn/plugins/ ./.yarn/plugins/
RUN yarn install --immutable
COPY . .
RUN yarn build
