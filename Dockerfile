# Build: the bundled SQLite and libpq need only a C compiler, already in the Rust image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p server && cp target/release/partner-bss /partner-bss

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/partner-bss partner-bss \
    && mkdir -p /var/lib/partner-bss && chown partner-bss /var/lib/partner-bss
COPY --from=build /partner-bss /usr/local/bin/partner-bss
USER partner-bss
WORKDIR /var/lib/partner-bss
ENV BSS_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["partner-bss"]
CMD ["serve"]
