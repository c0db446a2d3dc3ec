# leadfwd worker image.
#   docker build -t leadfwd .
#   docker run -d --name leadfwd -v "$PWD/config:/config:ro" -v leadfwd-data:/data \
#       -e SALES_IMAP_PASSWORD=... leadfwd
# The config is /config/leadfwd.yaml (its data_dir is overridden by /data); secrets come from the environment
# (password_env / oauth_token_env) or from files mounted under /config (password_file / oauth_token_file).

ARG SWIFT_VERSION=6.3.1

# --- build: the release binary, with the Swift runtime and Foundation linked in statically ---
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4-openssl-dev libmimalloc-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so editing the sources does not refetch them.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product leadfwd --static-swift-stdlib \
 && install -m 0755 "$(swift build -c release --show-bin-path)/leadfwd" /usr/local/bin/leadfwd

# --- runtime: Debian slim with libcurl (the IMAP transport), mimalloc (the allocator) and the CA bundle (TLS verification) ---
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 libmimalloc2.0 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home leadfwd \
 && mkdir -p /config /data \
 && chown leadfwd:leadfwd /data \
 && chmod 0700 /data
COPY --from=build /usr/local/bin/leadfwd /usr/local/bin/leadfwd
USER leadfwd
ENV LEADFWD_DATA_DIR=/data
VOLUME ["/config", "/data"]
# SIGTERM (docker stop) finishes the current batch, saves it and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["leadfwd"]
CMD ["worker", "--config", "/config/leadfwd.yaml", "--data-dir", "/data"]
