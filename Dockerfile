# Pilcrow: a multi-stage build. The final image holds the compiled JavaScript, the production
# dependencies and the articles, and runs as the unprivileged `node` user, which owns only the two
# folders it writes: /app/data (the question log, its spool, the library: articles added from chat and
# channel settings) and /app/content (the bundled articles; written only to move a deployment's
# earlier added files aside once they are imported into the library).
#   docker build -t pilcrow .
#   docker run --env-file .env -p 3000:3000 -p 127.0.0.1:8080:8080 \
#     -v pilcrow-data:/app/data -v pilcrow-content:/app/content pilcrow
# See "Deploying" in the README (and compose.yaml for Pilcrow with Redis).

# --- build: compile TypeScript to dist/ -----------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- deps: production dependencies only -----------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    CONTENT_DIR=/app/content \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
# Articles: replace with your own (or mount a folder and set CONTENT_DIR). Owned by `node`, since the
# one-time import moves a deployment's earlier added articles from here into the library (DATA_DIR);
# a named volume mounted here starts as a copy of it.
COPY --chown=node:node content ./content
# The question log (SQLite), its spool and the library (library.sqlite: articles added from chat,
# channel settings). Mount a volume here to keep them across containers.
RUN mkdir -p /app/data && chown node:node /app/data
# Everything else stays root-owned and read-only to the process.
USER node
# 3000: Slack HTTP mode (PORT); 8080: /healthz, /readyz, /metrics (HEALTH_PORT).
EXPOSE 3000 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (graceful shutdown within SHUTDOWN_GRACE_MS).
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
