# Lectern: multi-stage build on Node 24, production dependencies only, the built corpus and
# search index baked in, running as the unprivileged "node" user.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY data/corpus ./data/corpus
COPY data/csl ./data/csl
# Build the corpus and the index now, so the container starts without ingesting.
RUN node src/main.ts ingest

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app ./
RUN mkdir -p data/state && chown node:node data/state
USER node
# npm forwards SIGTERM to Lectern, which shuts its platforms down gracefully.
STOPSIGNAL SIGTERM
CMD ["npm", "start"]
