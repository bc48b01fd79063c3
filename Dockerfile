# syntax=docker/dockerfile:1
# One image per app, from the same build:
#   docker build --build-arg APP=ingestor -t talkwatch-ingestor .
#   docker build --build-arg APP=notifier -t talkwatch-notifier .
# Migrations run from either image:
#   docker run --rm -e DATABASE_URL=... talkwatch-ingestor \
#     node --experimental-wasm-modules libs/infra/dist/db/migrate-cli.js apply
# Configuration comes only from the environment at run time (see README.md); nothing secret is baked in.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, compile, then drop dev dependencies ------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# Manifests first so `npm ci` is cached until a dependency changes. The root postinstall runs
# `prisma generate` (scripts/prisma-generate.mjs) from prisma/schema.prisma, so those come too.
COPY package.json package-lock.json ./
COPY libs/domain/package.json libs/domain/
COPY libs/infra/package.json libs/infra/
COPY apps/ingestor/package.json apps/ingestor/
COPY apps/notifier/package.json apps/notifier/
COPY apps/dashboard/package.json apps/dashboard/
COPY e2e/package.json e2e/
COPY prisma/ prisma/
COPY scripts/ scripts/
RUN --mount=type=cache,target=/root/.npm npm ci

COPY tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY apps/ apps/
COPY e2e/ e2e/
RUN npm run build

# Production dependencies only (--ignore-scripts: the Prisma client is already generated and
# compiled into libs/infra/dist). Sources and compiled tests are not needed at run time.
RUN npm prune --omit=dev --ignore-scripts \
 && rm -rf libs/*/src apps/*/src e2e \
 && find libs apps -path '*/node_modules' -prune -o \( -name '*.spec.js' -o -name '*.spec.js.map' -o -name '*.spec.d.ts' -o -name '.tsbuildinfo' \) -type f -print0 | xargs -0 rm -f

# ---- runtime: compiled code and production node_modules, run as the unprivileged `node` user -----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

# Workspace packages are symlinked from node_modules/@talkwatch/*, so keep the same layout.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/libs ./libs
COPY --from=build /app/apps ./apps

# Which app this image runs: ingestor or notifier. Declared last so both images share every layer above.
ARG APP
RUN case "$APP" in \
      ingestor|notifier) test -f "apps/$APP/dist/main.js" ;; \
      *) echo "build with --build-arg APP=ingestor or --build-arg APP=notifier (got '$APP')" >&2; exit 1 ;; \
    esac
ENV APP=${APP} \
    PORT=3000

USER node
EXPOSE 3000

HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# exec: node becomes PID 1 and receives SIGTERM itself (the apps shut down cleanly on it).
CMD ["/bin/sh", "-c", "exec node --enable-source-maps \"apps/$APP/dist/main.js\""]
