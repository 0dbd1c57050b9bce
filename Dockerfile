# Kilde in a container: Node 20 on Debian bookworm, built once, run as an unprivileged user.
#
#   docker build -t kilde .
#   docker run -p 3000:3000 -v kilde-data:/var/lib/kilde/data -v kilde-uploads:/var/lib/kilde/uploads kilde
#
# OCR runs in Debian's tesseract program (about 1.5x faster than tesseract.js, which stays the
# fallback). It reads the Danish and English models of the @tesseract.js-data npm packages (best_int,
# more accurate than Debian's tesseract-ocr-dan), so only the program is installed.
# docker-compose.yml runs this image beside Meilisearch.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary for Node 20 on amd64 and arm64; the compilers are the
# fallback for other platforms, and stay in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The `prepare` script compiles the sources, which are not copied yet: install without scripts, then
# run the one install script Kilde needs (better-sqlite3's native module).
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json ./
COPY bin ./bin
COPY server ./server
COPY search ./search
COPY bench ./bench
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    KILDE_DATA_DIR=/var/lib/kilde/data \
    KILDE_UPLOADS_DIR=/var/lib/kilde/uploads
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# Read at run time from the source tree: the letter templates (server/requests/letters/templates).
COPY --from=build /app/server ./server
COPY views ./views
COPY public ./public
# The build is current: `kilde` must not try to compile again (there is no TypeScript in this image).
RUN touch dist/.built \
 && ln -s /app/bin/kilde.js /usr/local/bin/kilde \
 && mkdir -p /var/lib/kilde/data /var/lib/kilde/uploads /var/backups/kilde \
 && chown -R node:node /var/lib/kilde /var/backups/kilde
USER node
VOLUME ["/var/lib/kilde/data", "/var/lib/kilde/uploads"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/kilde.js", "serve"]
