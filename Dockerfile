# syntax=docker/dockerfile:1
# LLMS: the API (and the web client, when `npm run build` builds it) in a small production image.
# Build: docker compose build app   (or: docker build -t llms .)

# ---- build: install everything, compile, then drop dev dependencies --------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# A C++ toolchain for native addons (argon2) whose prebuilt binary does not load on this Node.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
ENV SCARF_ANALYTICS=false DO_NOT_TRACK=1 npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
    && mkdir -p web/dist \
    && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled output and production dependencies only, as a non-root user -----------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    npm_config_update_notifier=false
WORKDIR /app
# Files stay owned by root: the `node` user can read them but not change them.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
# dist/ includes dist/asyncapi-ui/, the browser files of the /docs/asyncapi page (their package
# is a dev dependency, pruned in the build stage).
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# The AsyncAPI document, served at /docs/asyncapi.yaml and rendered at /docs/asyncapi.
COPY --from=build /app/docs/asyncapi.yaml ./docs/asyncapi.yaml
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not `npm run start:prod`: npm runs scripts through `sh -c`, which does not pass
# SIGTERM on, so the app would never drain and be SIGKILLed at the end of the grace period. As
# PID 1 (Kubernetes) node gets SIGTERM/SIGINT because the app handles them
# (src/bootstrap/shutdown.ts); compose adds an init process (`init: true`) in front of it.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
