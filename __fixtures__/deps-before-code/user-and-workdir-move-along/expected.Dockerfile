FROM node:18
COPY --chown=node:node package.json package-lock.json /home/node/app/
USER node
WORKDIR /home/node/app
ENV NODE_ENV=production
RUN npm ci --omit=dev
COPY --chown=node:node . /home/node/app
CMD ["node", "index.js"]
