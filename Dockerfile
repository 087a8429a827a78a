# Build: the bundled SQLite and libpq need only a C compiler, already in the Rust image.
FROM rust:1.95-bookworm AS build
WORKDIR /src

# 1. Dependencies alone, from the manifests and the lock file: this layer is reused until one
#    of them changes. Every workspace member's manifest is needed to resolve the workspace;
#    empty stubs stand in for the sources.
COPY Cargo.toml Cargo.lock ./
COPY api/Cargo.toml api/
COPY domain/Cargo.toml domain/
COPY persistence/Cargo.toml persistence/
COPY openapi/Cargo.toml openapi/
COPY signing/Cargo.toml signing/
COPY server/Cargo.toml server/
COPY tests/Cargo.toml tests/
COPY bench/loadgen/Cargo.toml bench/loadgen/
RUN for c in api domain persistence openapi signing tests; do mkdir -p $c/src && touch $c/src/lib.rs; done \
    && mkdir -p server/src bench/loadgen/src \
    && echo 'fn main() {}' > server/src/main.rs && echo 'fn main() {}' > bench/loadgen/src/main.rs \
    && cargo build --release --locked -p server \
    && rm -rf api/src domain/src persistence/src openapi/src signing/src server/src tests/src bench/loadgen/src

# 2. The sources. COPY keeps their (older) times, so the crate roots are touched: cargo must not
#    take the stubs built above for up to date.
COPY . .
RUN touch api/src/lib.rs domain/src/lib.rs persistence/src/lib.rs openapi/src/lib.rs \
        signing/src/lib.rs server/src/main.rs \
    && cargo build --release --locked -p server && cp target/release/partner-bss /partner-bss

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 partner-bss \
    && useradd --system --uid 10001 --gid 10001 --home /var/lib/partner-bss partner-bss \
    && mkdir -p /var/lib/partner-bss && chown partner-bss:partner-bss /var/lib/partner-bss \
    && chmod 700 /var/lib/partner-bss
COPY --from=build /partner-bss /usr/local/bin/partner-bss
# A fixed uid: docker-compose.yml hands the secrets over as files owned by it (mode 0400).
USER 10001:10001
WORKDIR /var/lib/partner-bss
# The data: the SQLite database and, beside it, its master key file (unless one is given).
VOLUME /var/lib/partner-bss
ENV BSS_LISTEN=0.0.0.0:8080 \
    DATABASE_URL=sqlite:///var/lib/partner-bss/partner-bss.db
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["partner-bss"]
CMD ["serve"]
