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
COPY bin ./bin
COPY src ./src
COPY commands ./commands
# The database schema: migrations run at start when LECTERN_DATABASE_URL is set.
COPY db ./db
COPY data/corpus ./data/corpus
COPY data/csl ./data/csl
COPY data/wordnet ./data/wordnet
COPY data/glossary ./data/glossary
COPY data/names ./data/names
# Build the corpus and the index now, so the container starts without ingesting.
RUN node bin/lectern.js ingest

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# In a container the endpoints must listen on every interface to be reachable from outside it;
# the health and metrics endpoint is on by default (the HTTP interactions endpoint needs
# DISCORD_PUBLIC_KEY and DISCORD_HTTP_PORT=8080 set at run time).
ENV DISCORD_HTTP_HOST=0.0.0.0 \
    LECTERN_OPS_HOST=0.0.0.0 \
    LECTERN_OPS_PORT=9090
WORKDIR /app
COPY --from=build --chown=node:node /app ./
RUN mkdir -p data/state && chown node:node data/state
# Settings, sync positions, crypto store and the groups' libraries: kept across containers.
VOLUME ["/app/data/state"]
USER node
# 8080: Discord HTTP interactions (when DISCORD_HTTP_PORT=8080); 9090: /healthz and /metrics.
EXPOSE 8080 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9090/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 (no npm in between), so SIGTERM reaches Lectern, which stops within 5 s.
STOPSIGNAL SIGTERM
CMD ["node", "bin/lectern.js", "start"]
