# syntax=docker/dockerfile:1.7
# The same image done right (the safe look-alike): pinned bases, the npm token as a build secret,
# a verified download, and a non-root user. The containers scanner reports nothing here.
ARG NODE_VERSION=20.11.1
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /srv/shop-web
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token \
    NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci --omit=dev

FROM node:20.11.1-bookworm-slim@sha256:5b1c3e3b5d1c0f7e6a4b2d9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f
ENV NODE_ENV=production \
    SESSION_SECRET_FILE=/run/secrets/session_secret \
    PORT=8080
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/local/bin/tini
RUN chmod 0755 /usr/local/bin/tini \
 && curl -fsSL https://packages.example.org/imagemagick.asc | gpg --dearmor -o /usr/share/keyrings/imagemagick.gpg
WORKDIR /srv/shop-web
COPY --from=deps /srv/shop-web/node_modules ./node_modules
COPY src ./src
USER node
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/tini", "--"]
CMD ["node", "src/orders.js"]
